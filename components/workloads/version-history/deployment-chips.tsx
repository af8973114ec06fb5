import { DASH } from "@/components/workloads/figures";

/** The deployments (environments) a version's runs came from in the window. */
export function DeploymentChips({ deployments }: { deployments: string[] }) {
  if (deployments.length === 0) return <span className="text-slate-400">{DASH}</span>;
  return (
    <ul aria-label="Deployments" data-testid="version-deployments" className="flex flex-wrap gap-1">
      {deployments.map((d) => (
        <li key={d} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-inset ring-slate-200">
          {d}
        </li>
      ))}
    </ul>
  );
}
