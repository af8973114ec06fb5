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

/** Milliseconds → a short human duration: `850 µs`, `42 ms`, `1.25 s`, `2 min 3 s`. */
export function formatMs(ms: number): string {
  return formatDurationNs(BigInt(Math.round(ms * 1_000_000)));
}

/** `1,234` below ten thousand, then `12.3k`, `4.5M`. */
export function formatTokens(value: number): string {
  if (value < 10_000) return value.toLocaleString("en-US");
  if (value < 1_000_000) return `${(value / 1000).toFixed(value < 100_000 ? 1 : 0)}k`;
  return `${(value / 1_000_000).toFixed(1)}M`;
}

/** US dollars with enough digits to tell small LLM costs apart: `$0.0012`, `$1.23`, `—` for none. */
export function formatCost(usd: number): string {
  if (usd === 0) return "—";
  if (usd < 0.0001) return "<$0.0001";
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The first 12 characters of a logic id or other long hex id: unique enough to read, short enough to scan. */
export function shortId(id: string, length = 12): string {
  return id.length > length ? id.slice(0, length) : id;
}

/** `3 min ago`, `2 h ago`, `5 d ago`; absolute times go in the title attribute. */
export function formatAge(iso: string, nowMs: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
