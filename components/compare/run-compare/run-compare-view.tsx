"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import type { RunComparison } from "@/lib/workloads/types";
import { IoPanel } from "@/components/compare/run-compare/io-panel";
import { NodeTable } from "@/components/compare/run-compare/node-table";

/** The node table and the chosen node's I/O; the chosen node lives in the URL (`node=`) so it can be shared. */
export function RunCompareView({ comparison }: { comparison: RunComparison }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selectedName = searchParams.get("node");

  const select = useCallback(
    (name: string | null) => {
      const next = new URLSearchParams(searchParams.toString());
      if (name === null) next.delete("node");
      else next.set("node", name);
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  // Closing the panel hands focus back to the row it was opened from, so keyboard users keep their place.
  const close = useCallback(() => {
    const name = selectedName;
    select(null);
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="run-compare-row"]');
    [...rows].find((row) => row.dataset.name === name)?.querySelector("button")?.focus();
  }, [select, selectedName]);

  const selected = selectedName === null ? null : (comparison.nodes.find((node) => node.name === selectedName) ?? null);
  return (
    <>
      <NodeTable nodes={comparison.nodes} selected={selectedName} onSelect={(name) => select(name === selectedName ? null : name)} />
      {selected ? (
        <IoPanel key={selected.name} node={selected} runIdA={comparison.a.runId} runIdB={comparison.b.runId} onClose={close} />
      ) : null}
      {selectedName !== null && !selected ? (
        <p role="alert" data-testid="run-compare-io-missing" className="mt-4 text-sm text-slate-600">
          No node named <strong className="font-medium">{selectedName}</strong> ran in either run.
        </p>
      ) : null}
    </>
  );
}
