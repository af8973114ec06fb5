export { RunTimeline, type RunTimelineProps } from "./run-timeline";
