import { describe, expect, it } from "vitest";
import { compileRules } from "@/lib/redaction/compile";
import { acceptRedaction } from "@/collector/redaction/accept-redaction";
import { redactBatch } from "@/collector/redaction/redact-batch";
import { RulesCache } from "@/collector/redaction/tenant-rules";
import type { WriteBatch } from "@/collector/store/write-batch";
import type { NewSpan } from "@/lib/db/types";

const span = (tenantId: string, input: string): NewSpan =>
  ({ tenant_id: tenantId, trace_id: "t", span_id: "s", run_id: "r", name: "step", node_name: null, input_text: input, output_text: null, status_message: null }) as unknown as NewSpan;
const batchOf = (tenantId: string, input: string): WriteBatch => ({ spans: [span(tenantId, input)], auditEvents: [], graphs: [], nodeSpecs: [] });
const emailRule = compileRules([{ kind: "detector", detector: "email", action: "mask" }]).compiled;

describe("acceptRedaction", () => {
  const rules = new RulesCache(async (tenantId) => {
    if (tenantId === "down") throw new Error("database down");
    if (tenantId === "slow") return new Promise(() => undefined);
    return tenantId === "with-rules" ? { rules: [{ kind: "detector", detector: "email", action: "mask" }], hashKey: new Uint8Array(32), skipped: 0 } : null;
  });
  const redact = acceptRedaction(rules, 20);

  it("redacts a tenant with rules and marks its rows, so the write passes them as they are", async () => {
    const batch = await redact(batchOf("with-rules", "mail ada@example.com"), "with-rules");
    expect(batch?.spans[0]?.input_text).toBe("mail [REDACTED:email]");
    expect(batch?.spans[0]?.redacted_count).toBe(1);
    const atWrite = await redactBatch(batch!, async () => ({ rules: emailRule, hashKey: new Uint8Array(32) }));
    expect(atWrite.spans[0]).toBe(batch!.spans[0]);
  });

  it("leaves a tenant without rules, or whose rules cannot be read in time, to be redacted at the write", async () => {
    expect(await redact(batchOf("plain", "mail ada@example.com"), "plain")).toBeNull();
    expect(await redact(batchOf("down", "mail ada@example.com"), "down")).toBeNull();
    const unread = batchOf("slow", "mail ada@example.com");
    expect(await redact(unread, "slow")).toBeNull();
    const atWrite = await redactBatch(unread, async () => ({ rules: emailRule, hashKey: new Uint8Array(32) }));
    expect(atWrite.spans[0]?.input_text).toBe("mail [REDACTED:email]");
  });
});
