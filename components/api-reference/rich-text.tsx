import { code } from "@/components/api-reference/styles";
import { inlineSegments, paragraphs } from "@/components/api-reference/text";

/** A line of description text with its `code` spans. */
export function InlineText({ text }: { text: string }) {
  return (
    <>
      {inlineSegments(text).map((segment, i) =>
        segment.code ? (
          <code key={i} className={code}>
            {segment.text}
          </code>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}

/** Description text as paragraphs (split on blank lines). */
export function RichText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`space-y-2 text-sm text-slate-700 ${className}`}>
      {paragraphs(text).map((paragraph, i) => (
        <p key={i}>
          <InlineText text={paragraph} />
        </p>
      ))}
    </div>
  );
}
