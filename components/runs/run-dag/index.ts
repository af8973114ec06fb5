export { RunDagView, type RunDagViewProps } from "@/components/runs/run-dag/run-dag-view";
export { DagLegend } from "@/components/runs/run-dag/dag-legend";
export { edgeKey } from "@/lib/runs/dag-layout";
export { DagGroupSelect } from "@/components/runs/run-dag/dag-group-select";
