export { RunTimeline, type RunTimelineProps } from "@/components/runs/run-timeline/run-timeline";
