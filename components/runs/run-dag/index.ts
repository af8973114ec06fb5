export { RunDagView, type RunDagViewProps } from "./run-dag-view";
export { DagLegend } from "./dag-legend";
export { edgeKey } from "@/lib/runs/dag-layout";
