import { z } from "zod";
import { LOCALES } from "../../../db/schema";

export const loginSchema = z.object({
  username: z.string({ required_error: "required" }).trim().max(100, "tooLong"),
  password: z.string({ required_error: "required" }).max(256, "passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "required" }).max(256, "passwordTooLong"),
    newPassword: z.string({ required_error: "required" }).min(8, "passwordTooShort").max(256, "passwordTooLong"),
    confirmPassword: z.string({ required_error: "required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "passwordMismatch" });

/** Setting one's first password through an invitation link (decision 0041). */
export const invitePasswordSchema = z
  .object({
    newPassword: z.string({ required_error: "required" }).min(8, "passwordTooShort").max(256, "passwordTooLong"),
    confirmPassword: z.string({ required_error: "required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "passwordMismatch" });

export const localeSchema = z.object({ locale: z.enum(LOCALES, { required_error: "required" }) });

/** A TOTP code typed by a person (spaces allowed; checked by totp.server.ts). */
export const totpCodeSchema = z.object({
  code: z.string({ required_error: "required" }).trim().max(20, "tooLong"),
  redirectTo: z.string().max(2000).optional(),
});
