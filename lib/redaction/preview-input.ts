import { z } from "zod";
import { redactionInputSchema } from "@/lib/redaction/input";

/** Characters of one text a preview runs over: enough to see the rules work, bounded per request. */
export const PREVIEW_MAX_CHARS = 4_096;
/** Spans of a run a preview looks at. */
export const PREVIEW_MAX_SPANS = 25;

/** Body of POST /api/v1/settings/redaction/preview: rules to try (default: the saved ones) over given text or a stored run. */
export const redactionPreviewSchema = z
  .strictObject({
    rules: redactionInputSchema.shape.rules.optional(),
    text: z.string().max(PREVIEW_MAX_CHARS, `must be at most ${PREVIEW_MAX_CHARS} characters`).optional(),
    runId: z.string().min(1, "must not be empty").max(512, "must be at most 512 characters").optional(),
  })
  .refine((body) => (body.text === undefined) !== (body.runId === undefined), { message: "give either text or runId", path: ["text"] });

export type RedactionPreviewInput = z.infer<typeof redactionPreviewSchema>;
