import { z } from "zod";
import { isoDate } from "../../utils/schema";

const date = isoDate();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeFormat");
const count = (max: number) => z.number({ invalid_type_error: "numberFormat" }).int("numberFormat").min(0, "numberFormat").max(max, "numberFormat");

export const createRosterSchema = z
  .object({
    title: z.string({ required_error: "required" }).trim().min(3, "required").max(200, "tooLong"),
    startDate: date,
    endDate: date,
    dayMode: z.enum(["nonworking", "all"]).default("nonworking"),
    leaderCount: count(3).default(1),
    staffCount: count(6).default(2),
    securityCount: count(3).default(0),
    startTime: time.default("07:30"),
    endTime: time.default("16:30"),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "endBeforeStart" })
  .refine((v) => Date.parse(v.endDate) - Date.parse(v.startDate) <= 62 * 86400000, { path: ["endDate"], message: "rosterTooLong" })
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "endBeforeStart" })
  .refine((v) => v.leaderCount + v.staffCount + v.securityCount > 0, { path: ["staffCount"], message: "noSlots" });
export type CreateRosterInput = z.infer<typeof createRosterSchema>;

export const swapRequestSchema = z.object({
  intent: z.literal("requestSwap"),
  slotId: z.string(),
  targetId: z.string({ required_error: "required" }),
  reason: z.string().trim().max(500, "tooLong").optional(),
});

export const swapDecisionSchema = z.object({
  intent: z.enum(["acceptSwap", "declineSwap", "approveSwap", "refuseSwap"]),
  swapId: z.string(),
});

export const slotActionSchema = z.object({
  intent: z.enum(["confirm", "checkIn"]),
  slotId: z.string(),
});
