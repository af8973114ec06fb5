// Test helper: reads a Server-Sent Events body as a client would.

export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
}

export interface SseReader {
  /** Events so far. */
  readonly events: SseEvent[];
  /** Reads until `until` holds (true) or the stream ends (false). */
  readUntil(until: (events: SseEvent[]) => boolean): Promise<boolean>;
  /** Reads to the end; resolves with every event. */
  readToEnd(): Promise<SseEvent[]>;
  /** Whether the server ended the stream. */
  readonly ended: boolean;
  cancel(): Promise<void>;
}

export function sseReader(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let ended = false;

  const parse = () => {
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const fields = new Map<string, string>();
      for (const line of buffer.slice(0, end).split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      buffer = buffer.slice(end + 2);
      const event = fields.get("event");
      if (event) events.push({ id: fields.get("id") ?? null, event, data: JSON.parse(fields.get("data") ?? "null") as unknown });
    }
  };

  const readUntil = async (until: (events: SseEvent[]) => boolean) => {
    while (!until(events)) {
      if (ended) return false;
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        return until(events);
      }
      buffer += decoder.decode(value, { stream: true });
      parse();
    }
    return true;
  };

  return {
    events,
    readUntil,
    async readToEnd() {
      await readUntil(() => false);
      return events;
    },
    get ended() {
      return ended;
    },
    cancel: () => reader.cancel(),
  };
}
