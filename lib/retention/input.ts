import { z } from "zod";
import { MAX_RETENTION_DAYS } from "@/lib/retention/policy";

/** Body of POST /api/v1/settings/retention: the tenant's own retention, or null to follow RETENTION_DAYS. */
export const retentionInputSchema = z.strictObject({
  /** Days of runs kept; 0 keeps everything; null follows the server's default. */
  days: z.number().int("must be a whole number of days").min(0, "must not be negative").max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS}`).nullable(),
});
