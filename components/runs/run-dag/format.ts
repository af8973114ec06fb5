// Compact figures for a 220 px DAG node: `850 ms`, `1.2 s`, `2m 03s`, `1.2k→340 tok`, `$0.0123`.

const pad2 = (n: number) => String(n).padStart(2, "0");

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms > 0 && ms < 1) return "<1 ms";
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_599_500) {
    const sec = Math.round(ms / 1000);
    return `${Math.floor(sec / 60)}m ${pad2(sec % 60)}s`;
  }
  const min = Math.round(ms / 60_000);
  return `${Math.floor(min / 60)}h ${pad2(min % 60)}m`;
}

export function formatTokenCount(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "–";
  if (n < 1000) return String(Math.round(n));
  const [value, unit] = n < 999_500 ? [n / 1000, "k"] : [n / 1_000_000, "M"];
  const text = value < 99.95 ? value.toFixed(1).replace(/\.0$/, "") : String(Math.round(value));
  return `${text}${unit}`;
}

/** `1.2k→340 tok`, or null when the node used no tokens. */
export function formatTokens(input: number, output: number): string | null {
  if (!input && !output) return null;
  return `${formatTokenCount(input)}→${formatTokenCount(output)} tok`;
}

/** `$0.0123` under a dollar, `$1.23` above; null for zero so the node omits it. */
export function formatCost(usd: number): string | null {
  if (!Number.isFinite(usd) || usd <= 0) return null;
  if (usd < 0.0001) return "<$0.0001";
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
