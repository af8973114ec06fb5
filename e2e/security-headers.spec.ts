import { expect, test } from "@playwright/test";
import { codonRunSpans } from "@/collector/testing/telemetry";
import { sendSpans } from "@/e2e/send";

// Every page runs under its Content-Security-Policy (scripts only with the response's nonce) with
// nothing refused, and every page and API answer carries the security headers.

const runId = `csp-${Date.now().toString(36)}`;

test("pages carry the security headers and run under their CSP without a violation", async ({ page, request }) => {
  await sendSpans(codonRunSpans(runId), "grpc");
  await expect.poll(async () => (await request.get(`/api/v1/runs/${runId}`)).status()).toBe(200);

  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));

  for (const [path, ready] of [
    ["/", "run-row"],
    [`/runs/${runId}`, "dag-node"],
    ["/workloads", "main-nav"],
    ["/costs", "main-nav"],
    ["/connect", "api-key-notice"],
    ["/api-reference", "main-nav"],
    ["/settings/prices", "main-nav"],
  ] as const) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
    expect(nonce, `${path} has a nonce`).toBeDefined();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" });
    await expect(page.getByTestId(ready).first()).toBeVisible();
    // Next's own scripts carry it (the attribute is hidden from the DOM once parsed; the property is not).
    expect(await page.evaluate(() => [...document.scripts].filter((script) => !script.nonce).map((script) => script.src || script.textContent?.slice(0, 40)))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
  }
  expect(violations).toEqual([]);

  const api = await request.get("/api/v1/runs?limit=1");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});
