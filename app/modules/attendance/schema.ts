import { z } from "zod";
import { invalidNetwork } from "./rules";
import { isoDate } from "../../utils/schema";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeFormat");

export const punchSchema = z.object({
  intent: z.enum(["checkIn", "checkOut"]),
  /** Sent by the confirmation of an early check-out. */
  confirmed: z.literal("1").optional(),
});

export const undoCheckOutSchema = z.object({ intent: z.literal("undoCheckOut"), recordId: z.string().max(64) });

export const correctionSchema = z.object({
  intent: z.literal("requestCorrection"),
  date: isoDate(),
  session: z.enum(["day", "morning", "afternoon"]).default("day"),
  checkInTime: time.optional(),
  checkOutTime: time.optional(),
  reason: z.string({ required_error: "reasonRequired" }).trim().min(3, "reasonRequired").max(1000, "tooLong"),
});

export const correctionDecisionSchema = z.object({
  intent: z.enum(["approveCorrection", "refuseCorrection"]),
  correctionId: z.string(),
  note: z.string().trim().max(1000, "tooLong").optional(),
});

export const networksSchema = z.object({
  intent: z.literal("networks"),
  networks: z
    .string()
    .max(2000, "tooLong")
    .optional()
    .refine((v) => !v || invalidNetwork(v) === null, "invalidNetwork"),
});
