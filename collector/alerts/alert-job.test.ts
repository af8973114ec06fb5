import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { createRule, ruleEvents } from "@/lib/alerts/rules";
import { verifyWebhook } from "@/lib/alerts/signature";
import { setWebhookHosts } from "@/lib/alerts/webhook-hosts";
import type { AlertWebhook } from "@/lib/alerts/types";
import { writeBatch } from "@/collector/store/write-batch";
import { startAlerts, type AlertJob } from "@/collector/alerts/alert-job";

interface Received {
  body: AlertWebhook;
  signed: boolean;
  eventId: string | undefined;
}

/** A webhook receiver on loopback that answers `statuses` in turn (then 200), checking each signature with the rule's secret. */
async function receiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  let secret = "";
  const server = http.createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => {
      const header = String(request.headers["x-codon-signature"] ?? "");
      received.push({ body: JSON.parse(text) as AlertWebhook, signed: verifyWebhook(secret, text, header, Math.floor(Date.now() / 1000)), eventId: request.headers["x-codon-event-id"] as string | undefined });
      response.statusCode = statuses.shift() ?? 200;
      response.end(response.statusCode === 200 ? "ok" : "try later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/codon`,
    received,
    failNext: (...codes: number[]) => statuses.push(...codes),
    useSecret: (value: string) => (secret = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NOW_MS = Date.now();
let seq = 0;
/** `count` one-span runs of Alerting-Bot in prod that started minutes ago, `failed` of them failed. */
async function seedRuns(db: TestDatabase["database"]["kysely"], count: number, failed: number) {
  const spans = Array.from({ length: count }, (_, i) => {
    seq++;
    const start = BigInt(NOW_MS - 10 * 60_000 + seq * 1000) * 1_000_000n;
    return makeSpan({
      trace_id: seq.toString(16).padStart(32, "0"),
      span_id: seq.toString(16).padStart(16, "0"),
      run_id: `alert-run-${seq}`,
      workload_name: "Alerting-Bot",
      workload_logic_id: "ee".repeat(32),
      deployment_id: "prod",
      start_time_unix_nano: start.toString(),
      end_time_unix_nano: (start + 1_000_000_000n).toString(),
      duration_ns: "1000000000",
      status_code: i < failed ? "error" : "ok",
      status_message: i < failed ? "tool timed out" : null,
    });
  });
  await writeBatch(db, { spans, auditEvents: [], graphs: [], nodeSpecs: [] }, BigInt(NOW_MS) * 1_000_000n);
}

describe.each(testBackends())("alert rules on $name", (backend) => {
  let handle: TestDatabase;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let jobs: AlertJob[] = [];
  const db = () => handle.database.kysely;
  const job = (holder = "collector-1") => {
    const started = startAlerts(db(), { holder, firstPassMs: 3_600_000, intervalMs: 3_600_000, retryDelaysSeconds: [0, 0, 0], nowMs: () => NOW_MS });
    jobs.push(started);
    return started;
  };

  beforeAll(async () => {
    handle = await backend.open();
    hooks = await receiver();
    setWebhookHosts(["127.0.0.1"]);
  });
  afterEach(async () => {
    await Promise.all(jobs.map((started) => started.close()));
    jobs = [];
  });
  afterAll(async () => {
    setWebhookHosts([]);
    await hooks?.close();
    await handle?.dispose();
  });

  it("fires once when the error rate passes its threshold, retries a webhook that answered 500, and resolves when it falls back", async () => {
    const created = await createRule(db(), "default", { name: "bot failing", workload: "Alerting-Bot", deployment: "prod", condition: "error_rate", threshold: 0.2, windowMinutes: 60, webhookUrl: hooks.url });
    if (created === "too_many") throw new Error("unexpected");
    hooks.useSecret(created.secret);
    const alerts = job();

    await seedRuns(db(), 10, 5);
    hooks.failNext(500);
    expect(await alerts.pass()).toEqual({ evaluated: 1, transitions: 1, attempted: 1 });
    // Still failing: no second firing; the retry (due at once here) is delivered.
    expect(await alerts.pass()).toEqual({ evaluated: 1, transitions: 0, attempted: 1 });
    expect(await alerts.pass()).toEqual({ evaluated: 1, transitions: 0, attempted: 0 });

    await seedRuns(db(), 40, 0);
    expect(await alerts.pass()).toMatchObject({ transitions: 1, attempted: 1 });

    expect(hooks.received.map((r) => [r.body.event, r.signed])).toEqual([
      ["alert.firing", true],
      ["alert.firing", true],
      ["alert.resolved", true],
    ]);
    const [first, retry, resolved] = hooks.received;
    expect(retry!.eventId).toBe(first!.eventId);
    expect(first!.body).toMatchObject({ value: 0.5, rule: { name: "bot failing", workload: "Alerting-Bot", deployment: "prod", condition: "error_rate", threshold: 0.2, windowMinutes: 60 } });
    expect(first!.body.summary).toBe("FIRING: bot failing: error rate 50.0% > 20.0% over 60 min (Alerting-Bot, prod)");
    expect(resolved!.body.value).toBeCloseTo(0.1, 10);

    const events = await ruleEvents(db(), "default", created.rule.id, 10);
    expect(events.map((e) => [e.kind, e.attempts, e.deliveredAt !== null, e.nextAttemptAt])).toEqual([
      ["resolved", 1, true, null],
      ["firing", 2, true, null],
    ]);
    expect(events[1]!.deliveries.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(events[1]!.deliveries[0]!.error).toBe("answered 500: try later");
  });

  it("gives a webhook up after its last retry, and refuses a host the operator did not list", async () => {
    const created = await createRule(db(), "default", { name: "spend", workload: null, deployment: null, condition: "cost_per_day", threshold: 0, windowMinutes: 60, webhookUrl: `${hooks.url}?spend` });
    if (created === "too_many") throw new Error("unexpected");
    hooks.useSecret(created.secret);
    await seedRuns(db(), 1, 0);
    await db().updateTable("runs").set({ cost_usd: "0.5" }).where("run_id", "=", `alert-run-${seq}`).execute();
    hooks.failNext(503, 503, 503, 503);
    const alerts = job();
    await alerts.pass(); // fires; attempt 1 fails
    await alerts.pass(); // attempt 2
    await alerts.pass(); // attempt 3
    await alerts.pass(); // attempt 4: the last (three retries)
    expect((await alerts.pass()).attempted).toBe(0);
    const [firing] = await ruleEvents(db(), "default", created.rule.id, 1);
    expect([firing!.kind, firing!.attempts, firing!.deliveredAt, firing!.nextAttemptAt]).toEqual(["firing", 4, null, null]);

    setWebhookHosts(["hooks.example.com"]);
    try {
      await db().updateTable("alert_events").set({ next_attempt_at: sql<Date>`now() - interval '1 second'` }).where("id", "=", firing!.id).execute();
      const before = hooks.received.length;
      await alerts.pass();
      expect(hooks.received.length).toBe(before);
      const [again] = await ruleEvents(db(), "default", created.rule.id, 1);
      expect(again!.deliveries.at(-1)!.error).toBe("webhook URL host 127.0.0.1 is not in ALERT_WEBHOOK_HOSTS");
    } finally {
      setWebhookHosts(["127.0.0.1"]);
    }
  });

  it("runs on one collector at a time", async () => {
    const first = job("collector-1");
    const second = job("collector-2");
    const rules = (await db().selectFrom("alert_rules").select("id").execute()).length;
    expect((await first.pass()).evaluated).toBe(rules);
    expect((await second.pass()).evaluated).toBe(0);
  });
});
