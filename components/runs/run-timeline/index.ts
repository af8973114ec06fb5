export { RunTimeline, type RunTimelineProps, type TimelineLogMark } from "@/components/runs/run-timeline/run-timeline";
