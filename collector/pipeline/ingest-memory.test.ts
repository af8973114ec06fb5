import { describe, expect, it } from "vitest";
import { decodeTraces, DEFAULT_DECODE_LIMITS } from "@/collector/decode";
import { SPAN_BYTES } from "@/collector/decode/limits";
import { QueueFullError } from "@/collector/pipeline/errors";
import { IngestMemory } from "@/collector/pipeline/ingest-memory";
import { validSpansExport } from "@/collector/testing/hostile-payloads";

const MB = 1024 * 1024;

describe("ingest memory budget", () => {
  it("admits exports while they fit, refuses the next as retryable, and frees on release", () => {
    const memory = new IngestMemory(10 * MB);
    const first = memory.open("t1", 6 * MB);
    const second = memory.open("t1", 3 * MB);
    expect(memory.heldBytes).toBe(9 * MB);
    let refused: unknown;
    try {
      memory.open("t1", 2 * MB);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as InstanceType<typeof QueueFullError>).httpStatus).toBe(429);
    expect((refused as InstanceType<typeof QueueFullError>).retryable).toBe(true);
    expect(memory.heldBytes).toBe(9 * MB);
    first.release();
    first.release(); // twice: no double credit
    expect(memory.heldBytes).toBe(3 * MB);
    expect(memory.open("t1", 2 * MB).bytes).toBe(2 * MB);
    second.release();
  });

  it("lets an export alone proceed past the budget, so a small budget stalls nothing", () => {
    const memory = new IngestMemory(1 * MB);
    const big = memory.open("t1", 4 * MB);
    big.charge(4 * MB);
    expect(big.bytes).toBe(8 * MB);
    expect(() => memory.open("t1", 1)).toThrow(QueueFullError);
    big.release();
    expect(memory.heldBytes).toBe(0);
  });

  it("past the budget, still admits a tenant under its fair share and lets admitted exports grow, up to twice the budget", () => {
    const memory = new IngestMemory(10 * MB);
    memory.open("flood", 9 * MB);
    // Over the budget, and the flooding tenant holds more than its share: refused.
    expect(() => memory.open("flood", 2 * MB)).toThrow(QueueFullError);
    // Another tenant holding nothing: its share is half the budget.
    expect(() => memory.open("quiet", 6 * MB)).toThrow(QueueFullError);
    const other = memory.open("quiet", 4 * MB);
    // Once admitted, an export may grow past its share: only the ceiling stops it.
    other.charge(2 * MB);
    expect(memory.heldBytes).toBe(15 * MB);
    // A third tenant under its share of 10/3 MB gets in; over it, not.
    expect(() => memory.open("c", 4 * MB)).toThrow(QueueFullError);
    memory.open("c", 3 * MB);
    expect(memory.heldBytes).toBe(18 * MB);
    // The hard ceiling of twice the budget holds for everyone.
    expect(() => other.charge(3 * MB)).toThrow(QueueFullError);
    expect(() => memory.open("d", 2.5 * MB)).toThrow(QueueFullError);
    memory.open("d", 2 * MB);
    expect(memory.heldBytes).toBe(20 * MB);
    expect(() => memory.open("e", 1)).toThrow(QueueFullError);
  });

  it("is charged by decoding as it builds, and a refusal stops the decoding midway", async () => {
    const body = validSpansExport(1000, "m");
    const memory = new IngestMemory(64 * MB);
    const reservation = memory.open("t1", body.length);
    const { request } = await decodeTraces("protobuf", body, DEFAULT_DECODE_LIMITS, reservation);
    expect(request.resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(1000);
    // The body, then at least the per-span estimate for each of the 1,000 spans.
    expect(reservation.bytes).toBeGreaterThanOrEqual(body.length + 1000 * SPAN_BYTES);
    expect(reservation.bytes).toBeLessThan(body.length + 1000 * SPAN_BYTES * 2);

    // Another export holds more than a small budget (alone, it was let in): this one gets in
    // under its fair share, then is refused at the ceiling while decoding, not after.
    const small = new IngestMemory(2 * MB);
    const holder = small.open("t1", 3 * MB);
    const refusedMidway = small.open("t2", body.length);
    await expect(decodeTraces("protobuf", body, DEFAULT_DECODE_LIMITS, refusedMidway)).rejects.toBeInstanceOf(QueueFullError);
    expect(refusedMidway.bytes).toBeLessThan(1000 * SPAN_BYTES);
    refusedMidway.release();
    holder.release();
    expect(small.heldBytes).toBe(0);
  });
});
