// Prometheus's text exposition format, version 0.0.4: what every Prometheus-compatible scraper reads.

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4";

/** One metric without labels: a family of one sample. */
export interface Metric {
  name: string;
  help: string;
  type: "gauge" | "counter";
  /** Null: not known yet; the family is described but has no sample, as scrapers expect of an unknown value. */
  value: number | null;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function sampleValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** The metrics as an exposition body: `# HELP`, `# TYPE` and the sample of each, newline-terminated. */
export function prometheusText(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    if (!NAME.test(metric.name)) throw new Error(`Not a Prometheus metric name: ${metric.name}`);
    lines.push(`# HELP ${metric.name} ${metric.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")}`, `# TYPE ${metric.name} ${metric.type}`);
    if (metric.value !== null) lines.push(`${metric.name} ${sampleValue(metric.value)}`);
  }
  return lines.map((line) => `${line}\n`).join("");
}
