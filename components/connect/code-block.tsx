import { CopyTextButton } from "@/components/connect/copy-text-button";
import type { SnippetLanguage } from "@/components/connect/snippets";

interface Props {
  /** Unique on the page: the copy button selects this element when it cannot copy. */
  id: string;
  caption: string;
  code: string;
  language: SnippetLanguage;
  testId?: string;
}

/** A captioned snippet with a copy button. */
export function CodeBlock({ id, caption, code, language, testId }: Props) {
  return (
    <figure>
      <figcaption className="mb-1 flex items-end justify-between gap-3 text-xs font-medium text-slate-500">
        <span>{caption}</span>
        <CopyTextButton text={code} label={`snippet: ${caption}`} targetId={id} testId={testId ? `${testId}-copy` : undefined} />
      </figcaption>
      {/* Focusable so keyboard users can scroll long lines. */}
      <pre
        id={id}
        data-testid={testId}
        data-language={language}
        tabIndex={0}
        className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-sm text-slate-100 outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        {code}
      </pre>
    </figure>
  );
}
