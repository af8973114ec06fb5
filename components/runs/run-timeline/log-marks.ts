/** A log line on the timeline: when, and how severe (OTel severity number), drawn as a tick on its span's bar. */
export interface TimelineLogMark {
  ns: bigint;
  severityNumber: number;
}
