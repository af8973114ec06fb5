/** Display helpers shared by pages; inputs are the exact decimal strings the database returns. */

export function formatDurationNs(ns: string | bigint): string {
  const ms = Number(BigInt(ns) / 1000n) / 1000;
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function nsToDate(ns: string | bigint): Date {
  return new Date(Number(BigInt(ns) / 1_000_000n));
}

export function formatTimestampNs(ns: string | bigint): string {
  return nsToDate(ns).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

export function formatCount(value: string | number): string {
  return Number(value).toLocaleString("en-US");
}
