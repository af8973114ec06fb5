// The add-a-price form's values (as typed) and their check before anything is sent. The server
// checks again (lib/costs/pricing/override-input.ts); this only gives earlier, field-level messages.

import type { z } from "zod";
import type { priceOverrideInputSchema } from "@/lib/costs/pricing/override-input";

/** The body of POST /api/v1/prices. */
export type PriceOverrideRequest = z.input<typeof priceOverrideInputSchema>;

export interface PriceFormValues {
  model: string;
  provider: string;
  effectiveFrom: string;
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
}

export type PriceField = keyof PriceFormValues;
export type PriceFormErrors = Partial<Record<PriceField, string>>;

/** The fields cleared after a save: the next price is most often for the same model and date. */
export const PRICE_FIELDS = ["input", "output", "cacheRead", "cacheWrite"] as const satisfies readonly PriceField[];

/** Field order on screen, so the first invalid one can take focus. */
export const FIELD_ORDER = ["model", "provider", "effectiveFrom", ...PRICE_FIELDS] as const satisfies readonly PriceField[];

/** The server's own limits. */
export const MAX_PRICE = 1_000_000;
const MAX_MODEL = 200;
const MAX_PROVIDER = 100;

export function initialValues(today: string, prefill: { model?: string; provider?: string } = {}): PriceFormValues {
  return { model: prefill.model ?? "", provider: prefill.provider ?? "", effectiveFrom: today, input: "", output: "", cacheRead: "", cacheWrite: "" };
}

/** Today's date in UTC as `YYYY-MM-DD`: prices start at midnight UTC. */
export function todayUtc(nowMs: number = Date.now()): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** A USD-per-million-tokens price as typed; blank is null (an error only when required). */
export function parsePrice(text: string, required: boolean): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === "") return required ? { error: "Enter a price in USD per million tokens (0 or more)." } : { value: null };
  // Number() would also take "0x10", "1e3" or "Infinity": only plain decimals are prices.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { error: "Enter a number, such as 2.5." };
  const value = Number(trimmed);
  if (value < 0) return { error: "Must be 0 or more." };
  if (value > MAX_PRICE) return { error: `Must be at most ${MAX_PRICE.toLocaleString("en-US")}.` };
  return { value };
}

/** A `YYYY-MM-DD` date that exists (no 2026-02-30) within the years the server stores. */
export function parseDate(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === "") return { error: "Enter the date the price applies from." };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const date = new Date(`${trimmed}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== trimmed) return { error: "Enter a real date, such as 2026-01-01." };
  if (date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 2262) return { error: "Must be between 1970 and 2262." };
  return { value: trimmed };
}

export type Validation = { ok: true; body: PriceOverrideRequest } | { ok: false; errors: PriceFormErrors };

export function validatePriceForm(values: PriceFormValues): Validation {
  const errors: PriceFormErrors = {};
  const model = values.model.trim();
  const provider = values.provider.trim();
  if (!model) errors.model = "Enter the model name, as your spans report it.";
  else if (model.length > MAX_MODEL) errors.model = `Must be at most ${MAX_MODEL} characters.`;
  if (provider.length > MAX_PROVIDER) errors.provider = `Must be at most ${MAX_PROVIDER} characters.`;
  const effectiveFrom = parseDate(values.effectiveFrom);
  if (effectiveFrom.error) errors.effectiveFrom = effectiveFrom.error;
  const input = parsePrice(values.input, true);
  const output = parsePrice(values.output, true);
  const cacheRead = parsePrice(values.cacheRead, false);
  const cacheWrite = parsePrice(values.cacheWrite, false);
  if (input.error) errors.input = input.error;
  if (output.error) errors.output = output.error;
  if (cacheRead.error) errors.cacheRead = cacheRead.error;
  if (cacheWrite.error) errors.cacheWrite = cacheWrite.error;
  if (
    Object.keys(errors).length > 0 ||
    effectiveFrom.value === undefined ||
    input.value == null ||
    output.value == null ||
    cacheRead.value === undefined ||
    cacheWrite.value === undefined
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    body: {
      model,
      provider: provider || null,
      effectiveFrom: effectiveFrom.value,
      inputUsdPerMtok: input.value,
      outputUsdPerMtok: output.value,
      cacheReadUsdPerMtok: cacheRead.value,
      cacheWriteUsdPerMtok: cacheWrite.value,
    },
  };
}
