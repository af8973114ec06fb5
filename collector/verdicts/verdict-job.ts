import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { holdLease, releaseLease } from "@/lib/db/job-lease";
import { createLogger } from "@/lib/runtime/log";
import { judgeVersion } from "@/lib/verdicts/judge";
import type { VerdictEvidence, VerdictSettings, VerdictStatus } from "@/lib/verdicts/types";
import { startPeriodic } from "@/collector/jobs/periodic";
import { changedWorkloads, loadSamples, storedInputs, versionGroups, type VersionGroup } from "@/collector/verdicts/verdict-inputs";

const log = createLogger("verdicts");
const JOB = "version-verdicts";

export interface VerdictJobOptions {
  settings: VerdictSettings;
  /** Between passes: a verdict follows new runs within about this long. */
  intervalMs?: number;
  firstPassMs?: number;
  /** Every this long a pass looks at every workload, not only those with new runs (runs the idle sweep finished). */
  fullPassMs?: number;
  /** Newest finished runs compared per side: bounds a verdict's cost whatever a version holds. */
  sampleCap?: number;
  /** Rest after each verdict, as a multiple of the time it took: PGlite runs every statement on the collector's thread. */
  restRatio?: number;
  /** This collector's name on the lease. */
  holder?: string;
}

export interface VerdictJob {
  /** One pass now (shared with one in flight): returns how many verdicts it wrote. */
  pass(options?: { full?: boolean }): Promise<{ written: number }>;
  close(): Promise<void>;
}

const groupKey = (group: Pick<VersionGroup, "deploymentKey" | "logicId">) => `${group.deploymentKey}\u0000${group.logicId}`;

/** What a verdict is computed from; the same string means the same verdict. */
function inputsOf(group: VersionGroup, baseline: VersionGroup | null, settings: VerdictSettings): string {
  const side = (g: VersionGroup) => `${g.logicId}:${g.finished}@${g.lastChange ?? "-"}/scores ${g.scoreStamp}`;
  return `v2|${side(group)}|${baseline ? side(baseline) : "-"}|${settings.minRuns},${settings.minEffect},${settings.alpha},${settings.confidence}`;
}

/** The logic id that ran in the group's deployment just before it (by first run), or null. */
function baselinesOf(groups: VersionGroup[]): Map<string, VersionGroup | null> {
  const byDeployment = new Map<string, VersionGroup[]>();
  for (const group of groups) byDeployment.set(group.deploymentKey, [...(byDeployment.get(group.deploymentKey) ?? []), group]);
  const baselines = new Map<string, VersionGroup | null>();
  for (const list of byDeployment.values()) {
    list.sort((a, b) => (a.firstStartNs < b.firstStartNs ? -1 : a.firstStartNs > b.firstStartNs ? 1 : a.logicId < b.logicId ? -1 : 1));
    list.forEach((group, i) => baselines.set(groupKey(group), i === 0 ? null : list[i - 1]!));
  }
  return baselines;
}

interface Judged {
  status: VerdictStatus;
  headline: string;
  evidence: VerdictEvidence;
}

async function judge(db: Kysely<DB>, tenantId: string, workloadName: string, group: VersionGroup, baseline: VersionGroup | null, options: Required<Pick<VerdictJobOptions, "settings" | "sampleCap">>): Promise<Judged> {
  const { settings } = options;
  const empty = { comparisons: [], settings };
  if (!baseline) return { status: "no_baseline", headline: "first version in this deployment", evidence: empty };
  if (group.finished < settings.minRuns) return { status: "too_few_runs", headline: `too few runs (${group.finished}/${settings.minRuns})`, evidence: empty };
  if (baseline.finished < settings.minRuns) {
    return { status: "too_few_runs", headline: `too few runs in the previous version (${baseline.finished}/${settings.minRuns})`, evidence: empty };
  }
  const [before, after] = await Promise.all([
    loadSamples(db, tenantId, workloadName, baseline.deploymentKey, baseline.logicId, options.sampleCap),
    loadSamples(db, tenantId, workloadName, group.deploymentKey, group.logicId, options.sampleCap),
  ]);
  const outcome = await judgeVersion(before, after, settings, `${baseline.logicId}:${group.logicId}:${group.deploymentKey}`, () => new Promise<void>((resolve) => setImmediate(resolve)));
  return { status: outcome.status, headline: outcome.headline, evidence: { comparisons: outcome.comparisons, settings } };
}

/**
 * Keeps every version's verdict (lib/verdicts/judge.ts) current in the background: each pass
 * takes the workloads whose versions gained runs, and recomputes the verdicts whose inputs (both
 * sides' finished runs and the settings) moved. Never on the ingest path; one collector of
 * several runs it, under a lease.
 */
export function startVerdicts(db: Kysely<DB>, options: VerdictJobOptions): VerdictJob {
  const intervalMs = options.intervalMs ?? 60_000;
  const fullPassMs = options.fullPassMs ?? 30 * 60_000;
  const restRatio = options.restRatio ?? 1;
  const holder = options.holder ?? randomUUID();
  const settings = options.settings;
  const sampleCap = options.sampleCap ?? 500;
  let fullAsked = false;
  let lastPassStart: Date | null = null;
  let lastFullPass = 0;

  async function run(): Promise<{ written: number }> {
    const full = fullAsked;
    fullAsked = false;
    // Lease for three intervals: renewed every pass, lost only if this process stalls that long.
    if (!(await holdLease(db, JOB, holder, Math.max(intervalMs * 3, 60_000)))) return { written: 0 };
    const started = new Date();
    const sweepAll = full || lastPassStart === null || Date.now() - lastFullPass >= fullPassMs;
    // A small overlap: a version updated while the last pass read it is looked at again.
    const since = sweepAll ? null : new Date(lastPassStart!.getTime() - 5_000);
    let written = 0;
    for (const { tenantId, workloadName } of await changedWorkloads(db, since)) {
      if (periodic.stopping()) break;
      const groups = await versionGroups(db, tenantId, workloadName);
      const stored = await storedInputs(db, tenantId, workloadName);
      const baselines = baselinesOf(groups);
      for (const group of groups) {
        if (periodic.stopping()) break;
        const baseline = baselines.get(groupKey(group)) ?? null;
        const inputs = inputsOf(group, baseline, settings);
        if (stored.get(groupKey(group)) === inputs) continue;
        const begun = performance.now();
        const judged = await judge(db, tenantId, workloadName, group, baseline, { settings, sampleCap });
        await sql`
          insert into version_verdicts (tenant_id, workload_name, deployment_key, logic_id, baseline_logic_id, status, headline, run_count, baseline_run_count, evidence, inputs, computed_at)
          values (${tenantId}, ${workloadName}, ${group.deploymentKey}, ${group.logicId}, ${baseline?.logicId ?? null}, ${judged.status}, ${judged.headline},
            ${group.finished}, ${baseline?.finished ?? 0}, ${JSON.stringify(judged.evidence)}::text::jsonb, ${inputs}, now())
          on conflict (tenant_id, workload_name, deployment_key, logic_id) do update set
            baseline_logic_id = excluded.baseline_logic_id, status = excluded.status, headline = excluded.headline, run_count = excluded.run_count,
            baseline_run_count = excluded.baseline_run_count, evidence = excluded.evidence, inputs = excluded.inputs, computed_at = excluded.computed_at`.execute(db);
        written++;
        if (judged.status === "regressed") log.info("version regressed", { tenant: tenantId, workload: workloadName, deployment: group.deploymentKey, logicId: group.logicId, headline: judged.headline });
        await new Promise<void>((resolve) => setTimeout(resolve, (performance.now() - begun) * restRatio));
      }
    }
    lastPassStart = started;
    if (sweepAll) lastFullPass = started.getTime();
    return { written };
  }

  const periodic = startPeriodic(run, {
    firstMs: options.firstPassMs ?? Math.min(20_000, intervalMs),
    intervalMs,
    failed: (error) => log.warn("computing version verdicts failed; will retry", { error: error.message }),
  });

  return {
    pass(passOptions = {}) {
      if (passOptions.full) fullAsked = true;
      return periodic.now();
    },
    async close() {
      await periodic.close();
      await releaseLease(db, JOB, holder).catch(() => {});
    },
  };
}
