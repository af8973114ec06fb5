export { RunTimeline, type RunTimelineProps } from "@/components/runs/run-timeline/run-timeline";
export type { TimelineLogMark } from "@/components/runs/run-timeline/log-marks";
