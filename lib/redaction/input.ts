import { z } from "zod";
import { compileCustomPattern } from "@/lib/redaction/custom-pattern";
import { DETECTOR_IDS, REDACTION_ACTIONS } from "@/lib/redaction/types";

/** Rules a tenant may have: each one is scanned over every value it sends. */
export const MAX_RULES = 24;
/** Custom patterns among them: they run on the slower linear-time engine. */
export const MAX_PATTERN_RULES = 8;

const action = z.enum(REDACTION_ACTIONS);

const patternRule = z.strictObject({
  kind: z.literal("pattern"),
  name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "must be 1 to 40 letters, digits, _ or -"),
  pattern: z.string().superRefine((pattern, context) => {
    const compiled = compileCustomPattern(pattern);
    if (!compiled.ok) context.addIssue({ code: "custom", message: compiled.reason });
  }),
  action,
});

const detectorRule = z.strictObject({ kind: z.literal("detector"), detector: z.enum(DETECTOR_IDS), action });

/** Body of PUT /api/v1/settings/redaction: the whole list of rules, in the order they apply. */
export const redactionInputSchema = z.strictObject({
  rules: z
    .array(z.discriminatedUnion("kind", [detectorRule, patternRule]))
    .max(MAX_RULES, `must be at most ${MAX_RULES} rules`)
    .refine((rules) => rules.filter((rule) => rule.kind === "pattern").length <= MAX_PATTERN_RULES, `must have at most ${MAX_PATTERN_RULES} custom patterns`),
});

export type RedactionInput = z.infer<typeof redactionInputSchema>;
