import type { SpanDetail } from "@/lib/runs/types";

/** The shown activation's error, in words (the status badge alone would not say why). */
export function ActivationError({ side, span, index }: { side: "a" | "b"; span: SpanDetail | null; index: number }) {
  if (!span || span.status !== "error") return null;
  return (
    <p role="alert" data-testid={`io-error-${side}`} className="mt-2 rounded bg-red-50 px-3 py-1.5 text-sm text-red-800">
      <strong className="font-semibold">Run {side}, activation #{index + 1} failed:</strong> {span.statusMessage ?? "no message recorded"}
    </p>
  );
}
