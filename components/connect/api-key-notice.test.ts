import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { KeyMode } from "@/lib/auth/authenticator";
import { ApiKeyNotice } from "@/components/connect/api-key-notice";

/** The notice as text, tags dropped and entities decoded enough to read. */
function noticeText(mode: KeyMode): { state: string | undefined; text: string } {
  const html = renderToStaticMarkup(createElement(ApiKeyNotice, { mode }));
  const text = html.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, " ");
  return { state: /data-state="(\w+)"/.exec(html)?.[1], text };
}

describe("the API key notice", () => {
  it("says exports need no key on an open server, that it listens on this machine only, and how to turn keys on", () => {
    const { state, text } = noticeText("open");
    expect(state).toBe("off");
    expect(text).toContain("exports are accepted without a key and go to the default tenant");
    expect(text).toContain("listens on this machine only");
    expect(text).toContain('npm run apikey -- create default "my laptop" --scope ingest');
    expect(text).toContain("npm run apikey -- create <tenant> [name] --scope ingest|read|admin");
    expect(text).not.toContain("x-codon-api-key");
  });

  it("explains the header, the variables that set it and the ingest scope once keys are on, without counting keys", () => {
    const { state, text } = noticeText("keys");
    expect(state).toBe("on");
    expect(text).toContain("a key with the ingest scope");
    expect(text).toContain("x-codon-api-key: <key>");
    expect(text).toContain("Authorization: Bearer <key>");
    expect(text).toContain("CODON_API_KEY");
    expect(text).toContain("OTEL_EXPORTER_OTLP_HEADERS=x-codon-api-key=<key>");
    expect(text).not.toMatch(/\d+ active/);
  });

  it("points to the setup token when keys are needed and none exists yet", () => {
    const { state, text } = noticeText("setup");
    expect(state).toBe("setup");
    expect(text).toContain("No API key exists yet");
    expect(text).toContain("setup token");
  });
});
