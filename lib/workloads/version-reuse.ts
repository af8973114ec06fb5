export interface VersionLabel {
  logicId: string;
  version: string | null;
  firstSeenNs: string;
}

/**
 * Logic ids whose version string was already used by an earlier logic id of the same workload
 * (the logic changed without a version bump), mapped to that first logic id.
 */
export function versionReuse(versions: VersionLabel[]): Map<string, string> {
  const byFirstSeen = [...versions].sort((x, y) => {
    const a = BigInt(x.firstSeenNs);
    const b = BigInt(y.firstSeenNs);
    return a < b ? -1 : a > b ? 1 : x.logicId.localeCompare(y.logicId);
  });
  const firstWithVersion = new Map<string, string>();
  const reuse = new Map<string, string>();
  for (const version of byFirstSeen) {
    if (version.version === null) continue;
    const first = firstWithVersion.get(version.version);
    if (first === undefined) firstWithVersion.set(version.version, version.logicId);
    else reuse.set(version.logicId, first);
  }
  return reuse;
}
