import { describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { redactorFor } from "@/lib/redaction/testing";
import type { RedactionAction } from "@/lib/redaction/types";
import { redactSpan } from "@/collector/redaction/redact-rows";

const EMAIL = "jane.doe@example.com";
const emailRule = (action: RedactionAction) => redactorFor([{ kind: "detector", detector: "email", action }]);

describe("redactSpan: names", () => {
  it("masks, hashes or drops a span's name, and counts it", () => {
    const span = makeSpan({ name: `send receipt to ${EMAIL}`, node_name: null });
    expect(redactSpan(span, emailRule("mask"))).toMatchObject({ name: "send receipt to [REDACTED:email]", redacted_count: 1 });
    const hashed = redactSpan(span, emailRule("hash"));
    expect(hashed.name).toMatch(/^send receipt to \[HASHED:email:[0-9a-f]{16}\]$/);
    // Equal names stay equal: siblings of one name are still recognised as attempts of one step.
    expect(redactSpan(makeSpan({ name: span.name, span_id: "0000000000000002" }), emailRule("hash")).name).toBe(hashed.name);
    expect(redactSpan(span, emailRule("drop"))).toMatchObject({ name: "[DROPPED:email]", redacted_count: 1 });
  });

  it("leaves a name that is its node's identity as sent, as the node name is", () => {
    const redactor = emailRule("hash");
    for (const [name, node] of [[`codon.node.${EMAIL}`, EMAIL], [EMAIL, EMAIL]] as const) {
      const span = makeSpan({ name, node_name: node, input_text: EMAIL });
      const out = redactSpan(span, redactor);
      expect(out).toMatchObject({ name, node_name: node, redacted_count: 1 });
      expect(out.input_text).not.toContain(EMAIL);
    }
    // A node named by its attributes: the span's own name is not its identity, and is redacted.
    const named = redactSpan(makeSpan({ name: `call for ${EMAIL}`, node_name: "refund" }), redactor);
    expect(named).toMatchObject({ node_name: "refund", redacted_count: 1 });
    expect(named.name).not.toContain(EMAIL);
  });

  it("redacts event names and attributes but not their times, and leaves links' ids alone", () => {
    // Scanned, a time this long would pass for a card.
    const time = "4111111111111111";
    const span = makeSpan({
      events: [{ name: `mailed ${EMAIL}`, timeUnixNano: time, attributes: { to: EMAIL } }, { name: "exception", timeUnixNano: time, attributes: {} }],
      links: [{ traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", attributes: { by: EMAIL } }],
    });
    const out = redactSpan(span, redactorFor([{ kind: "detector", detector: "email", action: "mask" }, { kind: "detector", detector: "card", action: "mask" }]));
    expect(out.events).toEqual([
      { name: "mailed [REDACTED:email]", timeUnixNano: time, attributes: { to: "[REDACTED:email]" } },
      { name: "exception", timeUnixNano: time, attributes: {} },
    ]);
    expect(out.links).toEqual([{ traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", attributes: { by: "[REDACTED:email]" } }]);
    expect(out.redacted_count).toBe(3);
    // The row given is left as it was (a retried write redacts the original again).
    expect(span.events?.[0]).toMatchObject({ name: `mailed ${EMAIL}` });
  });

  it("gives the same row back when nothing in it matched", () => {
    const span = makeSpan({ name: "agent.llm", events: [{ name: "exception", timeUnixNano: "1", attributes: {} }] });
    expect(redactSpan(span, emailRule("mask"))).toBe(span);
  });
});
