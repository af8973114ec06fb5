import { z } from "zod";

/** numeric(20, 10) holds up to 10 digits before the point; no real price comes near. */
const MAX_PRICE = 1_000_000;

const price = z.number().finite().min(0, "must not be negative").max(MAX_PRICE, `must be at most ${MAX_PRICE} USD per million tokens`);

/** An ISO date (`2026-01-01`, midnight UTC) or date-time. */
const effectiveFrom = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "must be an ISO 8601 date such as 2026-01-01 or a date-time")
  .refine((value) => !Number.isNaN(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)), "is not a real date")
  .transform((value) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value))
  .refine((date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 2262, "must be between 1970 and 2262");

const noNul = (field: string) => (value: string) => !value.includes("\u0000") || `${field} contains a NUL character`;

/** Body of POST /api/v1/prices: a tenant's price for a model from a date on, USD per million tokens. */
export const priceOverrideInputSchema = z.strictObject({
  model: z.string().trim().min(1, "is required").max(200).refine(noNul("model"), "contains a NUL character"),
  /** Omitted or null: the price applies whatever provider a span names. */
  provider: z
    .string()
    .trim()
    .max(100)
    .refine(noNul("provider"), "contains a NUL character")
    .nullish()
    .transform((value) => (value ? value : null)),
  effectiveFrom,
  inputUsdPerMtok: price,
  outputUsdPerMtok: price,
  /** Omitted or null: cached tokens are charged as input. */
  cacheReadUsdPerMtok: price.nullish().transform((value) => value ?? null),
  cacheWriteUsdPerMtok: price.nullish().transform((value) => value ?? null),
});

export type PriceOverrideInput = z.output<typeof priceOverrideInputSchema>;

