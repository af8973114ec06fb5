import type { Tab } from "@/components/ui/tab-list";

export type RunTab = "timeline" | "ledger" | "logs" | "spans" | "scores";

export const RUN_TABS: readonly Tab<RunTab>[] = [
  { id: "timeline", label: "Timeline" },
  { id: "ledger", label: "Ledger" },
  { id: "logs", label: "Logs" },
  { id: "spans", label: "Spans" },
  { id: "scores", label: "Scores" },
];

/** The `?tab=` of a run page; the timeline when absent or unknown. */
export const runTabOf = (param: string | null): RunTab => RUN_TABS.find((tab) => tab.id === param)?.id ?? "timeline";
