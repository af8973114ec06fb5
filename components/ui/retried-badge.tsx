/** A run or node that failed and then succeeded on a later attempt. */
export function RetriedBadge({ title }: { title?: string }) {
  return (
    <span data-testid="retried-badge" title={title ?? "A step failed and succeeded on a later attempt"} className="ml-1.5 inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/30">
      retried
      <span className="sr-only">: {title ?? "a step failed and succeeded on a later attempt"}</span>
    </span>
  );
}
