import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { isoDate } from "../../utils/schema";

// Messages are keys of the `errors` dictionary (app/i18n), so one schema serves both languages.
const text = (max: number) => z.string({ required_error: "required" }).trim().max(max, "tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "tooLong").optional();

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

const memberFields = {
  fullName: text(120).min(2, "required"),
  username: z
    .string({ required_error: "required" })
    .trim()
    .toLowerCase()
    .regex(USERNAME_PATTERN, "usernameFormat"),
  title: optionalText(120),
  positionId: z.string().optional(),
  roles: z.array(z.enum(ROLES), { required_error: "rolesRequired" }).min(1, "rolesRequired"),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{8,20}$/, "phoneFormat")
    .optional(),
  email: z.string().trim().email("emailFormat").max(200, "tooLong").optional(),
  /** Date the reassignment takes effect (YYYY-MM-DD); defaults to today. */
  effectiveDate: isoDate().optional(),
};

/** How a new member gets in: a temporary password typed by the admin, or a one-time link (decision 0041). */
export const ACCESS_KINDS = ["password", "invite"] as const;

export const createMemberSchema = z
  .object({
    ...memberFields,
    access: z.enum(ACCESS_KINDS, { invalid_type_error: "invalidChoice" }).optional(),
    password: z.string().min(8, "passwordTooShort").max(256, "passwordTooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.access !== "invite" && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "required" });
  });

export const updateMemberSchema = z.object(memberFields);

export const positionSchema = z.object({
  name: text(120).min(2, "required"),
  counter: optionalText(120),
  duties: optionalText(4000),
  sortOrder: z.number({ invalid_type_error: "numberFormat" }).int("numberFormat").min(0).max(999).optional(),
});

export type CreateMemberInput = z.infer<typeof createMemberSchema>;
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;
export type PositionInput = z.infer<typeof positionSchema>;
