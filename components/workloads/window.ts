// The `?window=` view state shared by the workloads pages: a few fixed ranges, so links stay short
// and relative ("the last 7 days" stays the last 7 days when shared).

export const WINDOWS = [
  { key: "24h", label: "24 hours", from: "24h" },
  { key: "7d", label: "7 days", from: "7d" },
  { key: "30d", label: "30 days", from: "30d" },
  { key: "all", label: "All time", from: undefined },
] as const;

export type WindowKey = (typeof WINDOWS)[number]["key"];

/** A known window key from a search param; anything else (missing, repeated, unknown) is the default. */
export function parseWindowKey(raw: string | string[] | undefined, fallback: WindowKey): WindowKey {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return WINDOWS.find((w) => w.key === value)?.key ?? fallback;
}

/** The `from` parameter the API and the runs list take for a window (undefined = all time). */
export function windowFrom(key: WindowKey): string | undefined {
  return WINDOWS.find((w) => w.key === key)?.from;
}

/** "in the last 7 days" / "of all time": the phrase headers use for a window. */
export function windowPhrase(key: WindowKey): string {
  return key === "all" ? "all time" : `the last ${WINDOWS.find((w) => w.key === key)?.label ?? key}`;
}
