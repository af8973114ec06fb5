// Compact figures for a 220 px DAG node: `850 ms`, `1.2 s`, `2m 03s`, `1.2k→340 tok`.
import { formatTokens } from "@/components/ui/format";

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

/** `1.2k→340 tok`, or null when the node used no tokens. */
export function formatTokenPair(input: number, output: number): string | null {
  if (!input && !output) return null;
  return `${formatTokens(input, { compact: true })}→${formatTokens(output, { compact: true })} tok`;
}
