import { z } from "zod";
import { isKeyId } from "@/lib/auth/api-key-params";
import { MAX_PASSWORD_LENGTH } from "@/lib/users/passwords";
import { ROLES } from "@/lib/users/roles";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "@/lib/users/users";

/** A user's or an invitation's id as the database has it: a positive int8 in digits. */
export const isRowId = isKeyId;

const email = z
  .string()
  .max(MAX_EMAIL_LENGTH + 20, `at most ${MAX_EMAIL_LENGTH} characters`)
  .transform((value, ctx) => {
    const normalized = normalizeEmail(value);
    if (normalized === null) ctx.addIssue({ code: "custom", message: "not an email address" });
    return normalized ?? "";
  });

/** Body of `POST /api/v1/invitations`. */
export const createInvitationBody = z.strictObject({
  email,
  role: z.enum(ROLES),
});

/** Body of `PATCH /api/v1/members/{userId}`. */
export const memberRoleBody = z.strictObject({
  role: z.enum(ROLES),
});

/** Body of `POST /api/v1/invitations/accept`: a password for a new account, or the existing account's (unless signed in as it). */
export const acceptInvitationBody = z.strictObject({
  token: z.string().min(1, "the invitation token is missing").max(100, "at most 100 characters"),
  password: z.string().min(1, "enter a password").max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`).optional(),
  displayName: z
    .string()
    .trim()
    .max(100, "at most 100 characters")
    .refine((name) => !name.includes("\u0000"), "must not contain a NUL character")
    .optional()
    .transform((name) => name || null),
});

/** Body of `PUT /api/v1/settings/viewers`. */
export const viewerContentBody = z.strictObject({
  seesContent: z.boolean(),
});
