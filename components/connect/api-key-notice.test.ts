import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ApiKeyStatus } from "@/lib/auth/queries/api-key-status";
import { ApiKeyNotice } from "@/components/connect/api-key-notice";

/** The notice as text, tags dropped and entities decoded enough to read. */
function noticeText(status: ApiKeyStatus): { state: string | undefined; text: string } {
  const html = renderToStaticMarkup(createElement(ApiKeyNotice, { status }));
  const text = html.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/\s+/g, " ");
  return { state: /data-state="(\w+)"/.exec(html)?.[1], text };
}

describe("the API key notice", () => {
  it("says exports need no key before any key exists, and how to turn keys on", () => {
    const { state, text } = noticeText({ required: false, activeKeys: 0 });
    expect(state).toBe("off");
    expect(text).toContain("exports are accepted without a key and go to the default tenant");
    expect(text).toContain('npm run apikey -- create default "my laptop"');
    expect(text).toContain("npm run apikey -- create <tenant> [name]");
    expect(text).not.toContain("x-codon-api-key");
  });

  it("explains the header and the variables that set it once keys are on", () => {
    const { state, text } = noticeText({ required: true, activeKeys: 2 });
    expect(state).toBe("on");
    expect(text).toContain("(2 active)");
    expect(text).toContain("x-codon-api-key: <key>");
    expect(text).toContain("Authorization: Bearer <key>");
    expect(text).toContain("CODON_API_KEY");
    expect(text).toContain("OTEL_EXPORTER_OTLP_HEADERS=x-codon-api-key=<key>");
    expect(text).toContain("npm run apikey -- create <tenant> [name]");
  });

  it("warns that nothing gets in once every key is revoked", () => {
    const { state, text } = noticeText({ required: true, activeKeys: 0 });
    expect(state).toBe("revoked");
    expect(text).toContain("every key is revoked");
    expect(text).toContain("x-codon-api-key: <key>");
  });
});
