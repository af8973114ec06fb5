import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { formatCount, shortId } from "@/components/ui/format";
import type { VersionStats } from "@/lib/workloads/types";
import { avgTokens, costOrDash, DASH, msOrDash, rateOrDash } from "@/components/workloads/figures";
import { RelativeTime } from "@/components/workloads/relative-time";
import { DeploymentChips } from "@/components/workloads/version-history/deployment-chips";
import { compareHref, runsHref } from "@/components/workloads/version-history/links";
import { ReuseFlag } from "@/components/workloads/version-history/reuse-flag";
import { VerdictBadge } from "@/components/workloads/version-history/verdict-badge";
import { VersionScores } from "@/components/workloads/version-history/version-scores";

const cell = "px-3 py-2";
const num = `${cell} whitespace-nowrap text-right tabular-nums`;
const link = "text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400";

interface Props {
  name: string;
  version: VersionStats;
  /** The next older logic id, for "compare with previous"; null for the oldest. */
  previous: string | null;
  selected: boolean;
  /** The window's `from`, so the runs link lists the runs the count is of. */
  from: string | undefined;
  nowMs: number;
}

export function VersionRow({ name, version: v, previous, selected, from, nowMs }: Props) {
  const tokens = avgTokens(v.avgInputTokens, v.avgOutputTokens);
  return (
    <tr
      data-testid="version-row"
      data-logic-id={v.logicId}
      aria-current={selected ? "true" : undefined}
      className={`border-t border-slate-100 align-top ${selected ? "bg-sky-50 shadow-[inset_3px_0_0_var(--color-sky-500)]" : "hover:bg-slate-50"}`}
    >
      <td className={`${cell} min-w-32`}>
        <span className="font-medium">{v.version ?? <span className="text-slate-400">(no version)</span>}</span>
        {v.reusesVersionOf ? (
          <div>
            <ReuseFlag version={v.version} earlierLogicId={v.reusesVersionOf} />
          </div>
        ) : null}
      </td>
      <td className={`${cell} whitespace-nowrap`}>
        <code className="font-mono text-xs text-slate-700" title={v.logicId}>
          {shortId(v.logicId)}
        </code>
        <CopyButton value={v.logicId} label="logic id" />
      </td>
      <td className={`${cell} min-w-56`}>
        <VerdictBadge name={name} logicId={v.logicId} verdicts={v.verdicts} />
      </td>
      <td className={cell}>
        <VersionScores scores={v.scores} />
      </td>
      <td className={cell}>
        <RelativeTime iso={v.firstSeen} nowMs={nowMs} />
      </td>
      <td className={cell}>
        <RelativeTime iso={v.lastSeen} nowMs={nowMs} />
      </td>
      <td className={num}>
        <Link
          href={runsHref(name, v.logicId, from)}
          className={link}
          data-testid="version-runs-link"
          title={`${formatCount(v.finishedRunCount)} finished, ${formatCount(v.failedRunCount)} failed`}
        >
          {formatCount(v.runCount)} run{v.runCount === 1 ? "" : "s"}
        </Link>
      </td>
      <td className={num}>{msOrDash(v.p50Ms)}</td>
      <td className={num}>{msOrDash(v.p95Ms)}</td>
      <td className={`${num} ${v.errorRate ? "text-red-700" : ""}`}>{rateOrDash(v.errorRate)}</td>
      <td className={num} title={tokens?.split}>
        {tokens?.total ?? DASH}
      </td>
      <td className={num}>{costOrDash(v.avgCostUsd)}</td>
      <td className={cell}>
        <DeploymentChips deployments={v.deployments} />
      </td>
      <td className={num}>{v.nodes.length}</td>
      <td className={`${cell} whitespace-nowrap`}>
        {previous ? (
          <Link href={compareHref(name, previous, v.logicId)} data-testid="compare-previous-link" title="Compare with the previous version" className={`${link} text-xs`}>
            vs previous
            <span className="sr-only"> version ({shortId(previous)}): compare</span>
          </Link>
        ) : null}
      </td>
    </tr>
  );
}
