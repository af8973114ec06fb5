"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { VersionComparison } from "@/lib/workloads/types";
import { DiffDag } from "@/components/compare/version-compare/diff-dag";
import { NodeCompareTable } from "@/components/compare/version-compare/node-compare-table";

/** The row of `name`, scrolled into view and focused (so a keyboard user lands on it). */
function revealRow(container: HTMLElement | null, name: string) {
  const row = container?.querySelector<HTMLElement>(`[data-testid="node-compare-row"][data-name="${CSS.escape(name)}"]`);
  if (!row) return;
  const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
}

/** Keep the selected node in the URL (`?node=`) without a server round trip, so the view can be linked. */
function rememberNode(name: string | null) {
  const url = new URL(window.location.href);
  if (name === null) url.searchParams.delete("node");
  else url.searchParams.set("node", name);
  window.history.replaceState(null, "", url);
}

/** The merged graph and the per-node table; picking a node in the graph points at its row. */
export function VersionCompareView({ comparison, initialNode = null }: { comparison: VersionComparison; initialNode?: string | null }) {
  const [selected, setSelected] = useState(() => (comparison.nodes.some((n) => n.name === initialNode) ? initialNode : null));
  const tableRef = useRef<HTMLDivElement>(null);

  const select = useCallback((name: string | null) => {
    setSelected(name);
    rememberNode(name);
    if (name !== null) revealRow(tableRef.current, name);
  }, []);

  // A link with ?node= opens on that row.
  const initial = useRef(selected);
  useEffect(() => {
    if (initial.current !== null) revealRow(tableRef.current, initial.current);
  }, []);

  return (
    <div className="space-y-6">
      <DiffDag nodes={comparison.nodes} edges={comparison.edges} selected={selected} onSelect={select} />
      <div ref={tableRef}>
        <NodeCompareTable nodes={comparison.nodes} selected={selected} />
      </div>
    </div>
  );
}
