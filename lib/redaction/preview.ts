import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { compileRules } from "@/lib/redaction/compile";
import { PREVIEW_MAX_CHARS, PREVIEW_MAX_SPANS, type RedactionPreviewInput } from "@/lib/redaction/preview-input";
import { loadTenantRedaction } from "@/lib/redaction/queries";
import { Redactor } from "@/lib/redaction/redactor";
import { ScanBudget } from "@/lib/redaction/scan";
import type { RedactionPreview, RedactionPreviewSample } from "@/lib/redaction/types";

/** A preview's time for custom patterns, as at ingest. */
const PREVIEW_BUDGET_MS = 100;

type Text = Omit<RedactionPreviewSample, "after" | "count">;

async function runTexts(db: Kysely<DB>, tenantId: string, runId: string): Promise<Text[]> {
  const spans = await db
    .selectFrom("spans")
    .select(["span_id", "node_name", "input_text", "output_text", "status_message"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .orderBy("start_time_unix_nano")
    .limit(PREVIEW_MAX_SPANS)
    .execute();
  const texts: Text[] = [];
  for (const span of spans) {
    const of = (source: Text["source"], before: string | null) => {
      if (before) texts.push({ source, spanId: span.span_id, nodeName: span.node_name, before: before.slice(0, PREVIEW_MAX_CHARS) });
    };
    of("input", span.input_text);
    of("output", span.output_text);
    of("status", span.status_message);
  }
  return texts;
}

/**
 * Runs rules (the given ones, else the tenant's saved ones) over given text or a stored run's
 * texts, as ingest would, and stores nothing. A run stored after its rules were saved shows
 * values already redacted: the preview is for trying rules on what is still readable.
 */
export async function previewRedaction(db: Kysely<DB>, tenantId: string, input: RedactionPreviewInput): Promise<RedactionPreview> {
  const saved = await loadTenantRedaction(db, tenantId);
  const { compiled } = compileRules(input.rules ?? saved?.rules ?? []);
  // Without a saved key, hashes are shown under a throwaway one: they will differ from stored ones.
  const redactor = new Redactor(compiled, saved?.hashKey ?? randomBytes(32), new ScanBudget(PREVIEW_BUDGET_MS));
  const texts: Text[] = input.text !== undefined ? [{ source: "text", spanId: null, nodeName: null, before: input.text }] : await runTexts(db, tenantId, input.runId!);
  let total = 0;
  const samples = texts.map((text) => {
    const { text: after, count } = redactor.redact(text.before);
    total += count;
    return { ...text, after, count };
  });
  return { samples, total, maxChars: PREVIEW_MAX_CHARS };
}
