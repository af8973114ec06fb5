import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { heapShortfall } from "@/collector/heap-room";

const MB = 1024 * 1024;
const collectorScript = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.collector!;

describe("heap room for the ingest budget", () => {
  it("fits the default budget in the heap `npm run collector` starts with", () => {
    const heapMb = Number(/--max-old-space-size=(\d+)/.exec(collectorScript)?.[1]);
    expect(heapMb).toBeGreaterThan(0);
    expect(heapShortfall(128 * MB, heapMb * MB)).toBeNull();
  });

  it("names the heap a larger budget needs", () => {
    expect(heapShortfall(512 * MB, 384 * MB)).toEqual({ neededMb: 1152, limitMb: 384 });
  });
});
