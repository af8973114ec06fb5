import { describe, expect, it } from "vitest";
import { RunChangeHub } from "@/lib/runtime/run-changes";
import { runEventStream } from "@/lib/runs/run-events";
import type { RunView } from "@/lib/runs/types";

const baseRun = { runId: "run-1", status: "running", spanCount: 1 } as RunView;

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, seen: string[], predicate: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  while (!predicate(seen.join(""))) {
    const { done, value } = await reader.read();
    if (done) break;
    seen.push(decoder.decode(value));
  }
  return seen.join("");
}

describe("runEventStream", () => {
  it("sends the run, then each change the hub reports, and releases its listener on abort", async () => {
    const hub = new RunChangeHub();
    const abort = new AbortController();
    let current: RunView = baseRun;
    let loads = 0;
    const stream = runEventStream({
      tenantId: "default",
      runId: "run-1",
      load: async () => (loads++, current),
      hub,
      signal: abort.signal,
      pollMs: 60_000,
      keepAliveMs: 40,
      debounceMs: 5,
    });
    const reader = stream.getReader();
    const seen: string[] = [];
    let text = await readUntil(reader, seen, (t) => t.includes("event: run"));
    expect(text).toContain("retry: 2000");
    expect(text).toContain(`id: 1\nevent: run\ndata: ${JSON.stringify(baseRun)}\n\n`);
    expect(hub.listenerCount).toBe(1);

    // Another run's change is ignored; this run's change is sent once.
    hub.publish({ tenantId: "default", runIds: ["run-2"] });
    hub.publish({ tenantId: "other", runIds: ["run-1"] });
    current = { ...baseRun, spanCount: 2 };
    hub.publish({ tenantId: "default", runIds: ["run-1"] });
    text = await readUntil(reader, seen, (t) => t.includes("id: 2"));
    expect(text).toContain(`"spanCount":2`);
    expect(loads).toBe(2);

    // Unchanged figures send nothing new; keep-alives flow meanwhile.
    hub.publish({ tenantId: "default", runIds: ["run-1"] });
    text = await readUntil(reader, seen, (t) => t.includes(": keep-alive"));
    expect(text).not.toContain("id: 3");

    abort.abort();
    expect(hub.listenerCount).toBe(0);
    await readUntil(reader, seen, () => false);
  });

  it("polls for changes written by other processes", async () => {
    const abort = new AbortController();
    let spanCount = 1;
    const stream = runEventStream({
      tenantId: "default",
      runId: "run-1",
      load: async () => ({ ...baseRun, spanCount }),
      hub: new RunChangeHub(),
      signal: abort.signal,
      pollMs: 10,
    });
    const reader = stream.getReader();
    const seen: string[] = [];
    await readUntil(reader, seen, (t) => t.includes("id: 1"));
    spanCount = 5;
    const text = await readUntil(reader, seen, (t) => t.includes("id: 2"));
    expect(text).toContain(`"spanCount":5`);
    abort.abort();
  });
});
