import { describe, expect, it } from "vitest";
import { liveEventStream, sseFrame, streamEnd, type RefreshResult } from "@/lib/http/sse";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
  return text;
}

const never = () => () => {};

describe("liveEventStream", () => {
  it("reads nothing while idle: no poll unless asked for", async () => {
    const abort = new AbortController();
    let refreshes = 0;
    const stream = liveEventStream({ signal: abort.signal, subscribe: never, refresh: async () => void refreshes++, keepAliveMs: 10 });
    const reading = readAll(stream);
    await new Promise((resolve) => setTimeout(resolve, 60));
    abort.abort();
    expect(await reading).toContain(": keep-alive");
    expect(refreshes).toBe(1);
  });

  it("looks again when a refresh asks to, and ends when one says done", async () => {
    const abort = new AbortController();
    const results: RefreshResult[] = [{ againInMs: 5 }, { againInMs: 5 }, true];
    let closes = 0;
    const stream = liveEventStream({
      signal: abort.signal,
      subscribe: never,
      refresh: async (send) => {
        send(sseFrame("tick", results.length));
        return results.shift();
      },
      onClose: () => closes++,
    });
    const text = await readAll(stream);
    expect(text.match(/event: tick/g)).toHaveLength(3);
    expect(closes).toBe(1);
  });

  it("retries a failed refresh after errorRetryMs", async () => {
    const abort = new AbortController();
    const errors: string[] = [];
    let calls = 0;
    const stream = liveEventStream({
      signal: abort.signal,
      subscribe: never,
      errorRetryMs: 5,
      onError: (error) => errors.push(error.message),
      refresh: async () => {
        if (++calls < 3) throw new Error(`failed ${calls}`);
        return true;
      },
    });
    await readAll(stream);
    expect(errors).toEqual(["failed 1", "failed 2"]);
  });

  it("ended by the server with a StreamEnd: sends event: closed with the API's error shape, unsubscribes, calls onClose once", async () => {
    const abort = new AbortController();
    let subscribed = 0;
    let closes = 0;
    const stream = liveEventStream({
      signal: abort.signal,
      subscribe: () => {
        subscribed++;
        return () => subscribed--;
      },
      refresh: async () => {},
      onClose: () => closes++,
    });
    const reading = readAll(stream);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(subscribed).toBe(1);
    abort.abort(streamEnd("unauthenticated", "This stream's API key is no longer valid"));
    const text = await reading;
    expect(text.endsWith(`event: closed\ndata: {"error":{"code":"unauthenticated","message":"This stream's API key is no longer valid"}}\n\n`)).toBe(true);
    expect(subscribed).toBe(0);
    expect(closes).toBe(1);
  });

  it("a client that went away gets no closing event", async () => {
    const abort = new AbortController();
    abort.abort();
    let closes = 0;
    const text = await readAll(liveEventStream({ signal: abort.signal, subscribe: never, refresh: async () => {}, onClose: () => closes++ }));
    expect(text).toBe("");
    expect(closes).toBe(1);
  });
});
