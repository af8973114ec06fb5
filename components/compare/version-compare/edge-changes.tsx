import type { EdgeComparison } from "@/lib/workloads/types";

const MINUS = "\u2212";
const label = (e: EdgeComparison) => `${e.source} → ${e.target}`;

/** `Edges: +1 writer → fact_checker, −1 researcher → editor`, or that there are none. */
export function EdgeChanges({ edges }: { edges: EdgeComparison[] }) {
  const added = edges.filter((e) => e.change === "added");
  const removed = edges.filter((e) => e.change === "removed");
  return (
    <section data-testid="edge-changes" aria-label="Edge changes" className="text-sm text-slate-700">
      {added.length + removed.length === 0 ? (
        <p>No edge changes</p>
      ) : (
        <p>
          <span className="font-medium">Edges:</span>{" "}
          {added.length > 0 ? (
            <span data-change="added" className="text-emerald-800">
              +{added.length} {added.map(label).join(", ")}
            </span>
          ) : null}
          {added.length > 0 && removed.length > 0 ? ", " : null}
          {removed.length > 0 ? (
            <span data-change="removed" className="text-red-800">
              {MINUS}
              {removed.length} {removed.map(label).join(", ")}
            </span>
          ) : null}
        </p>
      )}
    </section>
  );
}
