import { pathSegments } from "@/components/api-reference/text";

const COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 ring-sky-300",
  post: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  put: "bg-amber-100 text-amber-800 ring-amber-300",
  patch: "bg-amber-100 text-amber-800 ring-amber-300",
  delete: "bg-red-100 text-red-800 ring-red-300",
};

export function MethodBadge({ method, small = false }: { method: string; small?: boolean }) {
  const colour = COLOURS[method.toLowerCase()] ?? "bg-slate-100 text-slate-700 ring-slate-300";
  const size = small ? "w-12 text-[0.65rem]" : "w-16 text-xs";
  return (
    <span data-testid="api-method" className={`inline-block shrink-0 rounded px-1.5 py-0.5 text-center font-mono font-semibold ring-1 ring-inset ${size} ${colour}`}>
      {method.toUpperCase()}
    </span>
  );
}

/** The path in monospace with its `{parameters}` highlighted. */
export function PathLabel({ path, className = "" }: { path: string; className?: string }) {
  return (
    <span className={`font-mono [overflow-wrap:anywhere] ${className}`}>
      {pathSegments(path).map((segment, i) =>
        segment.param ? (
          <span key={i} className="font-semibold text-sky-700">
            {`{${segment.text}}`}
          </span>
        ) : (
          // Long paths wrap after a slash rather than mid-word.
          <span key={i}>{segment.text.split(/(?<=\/)/).flatMap((piece, j) => (j === 0 ? [piece] : [<wbr key={j} />, piece]))}</span>
        ),
      )}
    </span>
  );
}
