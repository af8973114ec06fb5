import { afterEach, describe, expect, it } from "vitest";
import { alertRuleInputSchema } from "@/lib/alerts/rules";
import { signWebhook, verifyWebhook } from "@/lib/alerts/signature";
import { setWebhookHosts, webhookUrlProblem } from "@/lib/alerts/webhook-hosts";
import { alertFigure } from "@/lib/alerts/describe";

afterEach(() => setWebhookHosts([]));

describe("webhook signatures", () => {
  it("signs the timestamp with the body, and verifies only the same secret, body and a recent time", () => {
    const header = signWebhook("whsec_a", '{"event":"alert.test"}', 1_765_000_000);
    expect(header).toMatch(/^t=1765000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook("whsec_a", '{"event":"alert.test"}', header, 1_765_000_100)).toBe(true);
    expect(verifyWebhook("whsec_b", '{"event":"alert.test"}', header, 1_765_000_100)).toBe(false);
    expect(verifyWebhook("whsec_a", '{"event":"alert.firing"}', header, 1_765_000_100)).toBe(false);
    // A replay ten minutes later is refused.
    expect(verifyWebhook("whsec_a", '{"event":"alert.test"}', header, 1_765_000_600)).toBe(false);
    expect(verifyWebhook("whsec_a", "{}", "garbage", 1_765_000_000)).toBe(false);
  });
});

describe("webhookUrlProblem", () => {
  it("allows only http(s) URLs without credentials to hosts the operator listed", () => {
    expect(webhookUrlProblem("https://hooks.example.com/x")).toMatch(/allows no webhook hosts/);
    setWebhookHosts(["hooks.slack.com", ".example.com"]);
    expect(webhookUrlProblem("https://hooks.slack.com/services/T/B/x")).toBeNull();
    expect(webhookUrlProblem("https://ops.example.com/hook")).toBeNull();
    expect(webhookUrlProblem("https://example.com/hook")).toBeNull();
    expect(webhookUrlProblem("https://evil-example.com/hook")).toBe("host evil-example.com is not in ALERT_WEBHOOK_HOSTS");
    expect(webhookUrlProblem("http://169.254.169.254/latest/meta-data")).toBe("host 169.254.169.254 is not in ALERT_WEBHOOK_HOSTS");
    expect(webhookUrlProblem("https://user:pw@hooks.slack.com/x")).toBe("must not carry credentials");
    expect(webhookUrlProblem("file:///etc/passwd")).toBe("must be an http or https URL");
    expect(webhookUrlProblem("not a url")).toBe("is not a URL");
  });
});

describe("alertRuleInputSchema", () => {
  it("needs a threshold except for version regressions, a fraction for error rates, and a window of 5 minutes to a week", () => {
    setWebhookHosts(["hooks.example.com"]);
    const base = { name: "n", condition: "error_rate", threshold: 0.05, webhookUrl: "https://hooks.example.com/x" };
    expect(alertRuleInputSchema.parse(base)).toMatchObject({ windowMinutes: 60 });
    expect(alertRuleInputSchema.safeParse({ ...base, threshold: 5 }).success).toBe(false);
    expect(alertRuleInputSchema.safeParse({ ...base, condition: "p95_duration", threshold: undefined }).success).toBe(false);
    expect(alertRuleInputSchema.safeParse({ ...base, condition: "version_regressed", threshold: undefined }).success).toBe(true);
    expect(alertRuleInputSchema.safeParse({ ...base, windowMinutes: 1 }).success).toBe(false);
    expect(alertRuleInputSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});

describe("alertFigure", () => {
  it("writes each condition's value in its unit", () => {
    expect(alertFigure("error_rate", 0.125)).toBe("12.5%");
    expect(alertFigure("p95_duration", 1830.4)).toBe("1,830 ms");
    expect(alertFigure("cost_per_day", 4.2)).toBe("$4.20");
    expect(alertFigure("version_regressed", 1)).toBe("1 version");
    expect(alertFigure("error_rate", null)).toBe("no runs");
  });
});
