import { SegmentedLinks } from "@/components/ui/segmented-links";
import { WINDOWS, type WindowKey } from "@/components/workloads/window";

interface Props {
  /** The page the links point at. */
  path: string;
  current: WindowKey;
  /** The page's default window: its link carries no `?window=`, so the plain URL stays canonical. */
  fallback: WindowKey;
  /** Other view state to carry along (e.g. the highlighted logic id). */
  keep?: Record<string, string | undefined>;
}

/** The time window as plain links: works without JavaScript, keyboard-reachable, shareable. */
export function WindowSelector({ path, current, fallback, keep = {} }: Props) {
  const segments = WINDOWS.map((w) => {
    const params = new URLSearchParams(Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1])));
    if (w.key !== fallback) params.set("window", w.key);
    const query = params.toString();
    return { key: w.key, label: w.label, href: query ? `${path}?${query}` : path, testId: `window-${w.key}` };
  });
  return (
    <div data-testid="window-selector">
      <SegmentedLinks label="Window" groupLabel="Time window" segments={segments} current={current} />
    </div>
  );
}
