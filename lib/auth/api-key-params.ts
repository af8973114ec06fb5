import { z } from "zod";
import { decodeStringCursor, encodeCursor } from "@/lib/http/cursor";
import { parseLimit, singleParam } from "@/lib/http/params";
import { TENANT_ID_PATTERN, TENANT_ID_RULE } from "@/lib/auth/api-keys";
import { SCOPES } from "@/lib/auth/scopes";
import { MAX_PASSWORD_LENGTH } from "@/lib/users/passwords";
import { MAX_EMAIL_LENGTH } from "@/lib/users/users";

export const API_KEY_LIMIT = { fallback: 50, max: 200 } as const;
const MAX_KEY_ID = 2n ** 63n - 1n;

/** A key id as the database has it: a positive int8 in digits. */
export function isKeyId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) >= 1n && BigInt(value) <= MAX_KEY_ID;
}

export function encodeApiKeyCursor(lastId: string): string {
  return encodeCursor([lastId]);
}

/** `limit` (1-200, default 50) and `cursor` of `GET /api/v1/api-keys`. */
export function parseApiKeyListParams(params: URLSearchParams): { limit: number; beforeId: string | null } {
  const limit = parseLimit(singleParam(params, "limit"), API_KEY_LIMIT.fallback, API_KEY_LIMIT.max);
  const cursor = singleParam(params, "cursor");
  return { limit, beforeId: cursor ? decodeStringCursor(cursor, [isKeyId])[0]! : null };
}

/** Body of `POST /api/v1/api-keys`. */
export const createApiKeyBody = z.strictObject({
  name: z
    .string()
    .trim()
    .max(100, "at most 100 characters")
    .refine((name) => !name.includes("\u0000"), "must not contain a NUL character")
    .nullish()
    .transform((name) => name || null),
  tenantId: z.string().regex(TENANT_ID_PATTERN, `use ${TENANT_ID_RULE}`).optional(),
  /** What the key may do; default `ingest` (the first key always gets `read` and `admin`). `admin` brings `read`. */
  scopes: z.array(z.enum(SCOPES)).min(1, "name at least one scope").max(SCOPES.length * 2).optional(),
});

/** Body of `POST /api/v1/session`: an API key, or an email and password (and optionally the tenant to act in). */
export const signInBody = z
  .strictObject({
    apiKey: z.string().trim().min(1, "enter an API key").max(200, "at most 200 characters").optional(),
    email: z.string().trim().min(1, "enter your email address").max(MAX_EMAIL_LENGTH, `at most ${MAX_EMAIL_LENGTH} characters`).optional(),
    password: z.string().min(1, "enter your password").max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`).optional(),
    tenantId: z.string().regex(TENANT_ID_PATTERN, `use ${TENANT_ID_RULE}`).optional(),
  })
  .check((ctx) => {
    const { apiKey, email, password, tenantId } = ctx.value;
    const byKey = apiKey !== undefined;
    const byPassword = email !== undefined || password !== undefined;
    if (byKey === byPassword) ctx.issues.push({ code: "custom", input: ctx.value, message: "send either apiKey, or email and password" });
    else if (byPassword && (email === undefined || password === undefined)) ctx.issues.push({ code: "custom", input: ctx.value, path: [email === undefined ? "email" : "password"], message: "send both email and password" });
    else if (byKey && tenantId !== undefined) ctx.issues.push({ code: "custom", input: ctx.value, path: ["tenantId"], message: "a key acts in its own tenant" });
  });

/** Body of `PUT /api/v1/session`: the tenant a user's session acts in from now on. */
export const switchTenantBody = z.strictObject({
  tenantId: z.string().regex(TENANT_ID_PATTERN, `use ${TENANT_ID_RULE}`),
});

/** Body of `POST /api/v1/setup`: the first owner's email and password, and their tenant (default `default`). */
export const firstOwnerBody = z.strictObject({
  email: z.string().trim().min(1, "enter an email address").max(MAX_EMAIL_LENGTH, `at most ${MAX_EMAIL_LENGTH} characters`),
  password: z.string().min(1, "enter a password").max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`),
  tenantId: z.string().regex(TENANT_ID_PATTERN, `use ${TENANT_ID_RULE}`).optional(),
});
