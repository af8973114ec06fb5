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

const formatDate = (date: Date) => date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");

export function formatTimestampNs(ns: string | bigint): string {
  return formatDate(nsToDate(ns));
}

/** An ISO 8601 time from the API, as formatTimestampNs writes one: `2026-12-07 07:03:04 UTC`. */
export function formatTimestampIso(iso: string): string {
  return formatDate(new Date(iso));
}

export function formatCount(value: string | number): string {
  return Number(value).toLocaleString("en-US");
}

/** Milliseconds → a short human duration: `850 µs`, `42 ms`, `1.25 s`, `2 min 3 s`. */
export function formatMs(ms: number): string {
  return formatDurationNs(BigInt(Math.round(ms * 1_000_000)));
}

/**
 * `1,234` below ten thousand, then `12.3k`, `20.0k`, `123k`, `4.5M`; `compact` (a DAG node's card)
 * abbreviates from a thousand on and drops a zero decimal: `340`, `1.2k`, `1k`.
 */
export function formatTokens(value: number, { compact = false }: { compact?: boolean } = {}): string {
  if (!Number.isFinite(value) || value < 0) return "–";
  if (value < (compact ? 1000 : 10_000)) return Math.round(value).toLocaleString("en-US");
  // Where rounding would carry (999.6k), the next unit reads better: `1M`, not `1000k`.
  const [scaled, unit] = value < 999_500 ? [value / 1000, "k"] : [value / 1_000_000, "M"];
  const text = scaled < 99.95 ? scaled.toFixed(1) : String(Math.round(scaled));
  return `${compact ? text.replace(/\.0$/, "") : text}${unit}`;
}

/**
 * US dollars with enough digits to tell small LLM costs apart: `$0.0012`, `$1.23`. No cost reads as
 * `zero`: `—` (no data) by default; a total says `$0.00`, `a → b` says `$0`, a node card omits it (null).
 */
export function formatCost(usd: number): string;
export function formatCost<Z extends string | null>(usd: number, options: { zero: Z }): string | Z;
export function formatCost(usd: number, { zero = "—" }: { zero?: string | null } = {}): string | null {
  if (!(usd > 0)) return zero;
  if (usd < 0.0001) return "<$0.0001";
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Drops a fraction's trailing zeros: `1.50` → `1.5`, `2.0` → `2`. */
const trimZeros = (text: string) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);

/**
 * Short USD for chart axes, two significant digits: `$0`, `$0.005`, `$0.25`, `$1.5`, `$12`, then
 * `$1.2k`, `$3.4M`; `abbreviate: false` keeps whole dollars (`$1,235`) for axes of small figures.
 */
export function formatUsdCompact(usd: number, { abbreviate = true }: { abbreviate?: boolean } = {}): string {
  if (!Number.isFinite(usd) || usd === 0) return "$0";
  if (usd < 0) return `-${formatUsdCompact(-usd, { abbreviate })}`;
  if (usd >= 9.95 && !abbreviate) return `$${Math.round(usd).toLocaleString("en-US")}`;
  // Thresholds sit where rounding would carry into the next unit (999.6 is `$1k`, not `$1000`).
  if (usd >= 999_500) return `$${trimZeros((usd / 1_000_000).toFixed(usd < 9_950_000 ? 1 : 0))}M`;
  if (usd >= 999.5) return `$${trimZeros((usd / 1000).toFixed(usd < 9950 ? 1 : 0))}k`;
  if (usd >= 9.95) return `$${Math.round(usd)}`;
  if (usd >= 1) return `$${trimZeros(usd.toFixed(1))}`;
  // Two significant digits, without toPrecision's exponent notation for tiny values.
  const digits = Math.min(20, 1 - Math.floor(Math.log10(usd)));
  return `$${trimZeros(usd.toFixed(digits))}`;
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
