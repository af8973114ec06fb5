import Link from "next/link";
import { PageHeader } from "@/components/empty-state";

/** Breadcrumb Workloads / <name> / Compare and the page title. */
export function CompareHeader({ workload }: { workload: string }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500">
        <Link href="/workloads" className="hover:underline">
          Workloads
        </Link>{" "}
        /{" "}
        <Link href={`/workloads/${encodeURIComponent(workload)}`} className="hover:underline">
          {workload}
        </Link>{" "}
        / <span aria-current="page">Compare</span>
      </nav>
      <PageHeader title={`Compare versions of ${workload}`} description="What changed from version a (baseline) to version b (candidate): graph, per-node figures and runs." />
    </>
  );
}
