// Form schemas of the leave page, shared by client and server. Messages are error keys: the
// leave section's own (`t.leave.errors`) first, then `t.errors` (see leaveErrorText).
import { z } from "zod";
import { LEAVE_KINDS, LEAVE_PARTS, MAX_LEAVE_SPAN_DAYS, spanDays } from "./rules";
import { isoDate, withRules } from "../../utils/schema";
import { isIsoDate } from "../../utils/time";

const date = isoDate();
/** One of the options; 'required' when missing, 'invalidChoice' for anything else. */
const choice = <T extends string>(options: readonly [T, ...T[]]) =>
  z.enum(options, {
    errorMap: (issue) => ({ message: issue.code === "invalid_type" && issue.received === "undefined" ? "required" : "invalidChoice" }),
  });
const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

export const leaveRequestSchema = withRules(
  z.object({
    intent: z.literal("request"),
    kind: choice(LEAVE_KINDS),
    startDate: date,
    endDate: date,
    part: choice(LEAVE_PARTS).default("full"),
    reason: z.string({ required_error: "leaveReasonRequired" }).trim().min(3, "leaveReasonRequired").max(500, "tooLong"),
  }),
  (raw, issue) => {
    const from = str(raw.startDate);
    const to = str(raw.endDate);
    if (!isIsoDate(from) || !isIsoDate(to)) return;
    if (to < from) issue("endDate", "leaveEndBeforeStart");
    else if (spanDays(from, to) > MAX_LEAVE_SPAN_DAYS) issue("endDate", "leaveTooLong");
    const part = str(raw.part);
    if ((part === "morning" || part === "afternoon") && from !== to) issue("part", "halfDaySingleDate");
  },
);
export type LeaveRequestInput = z.infer<typeof leaveRequestSchema>;

export const cancelLeaveSchema = z.object({
  intent: z.literal("cancel"),
  id: z.string({ required_error: "required" }).min(1).max(64),
});

export const decideLeaveSchema = withRules(
  z.object({
    intent: z.enum(["approve", "refuse"]),
    id: z.string({ required_error: "required" }).min(1).max(64),
    note: z.string().trim().max(500, "tooLong").optional(),
  }),
  (raw, issue) => {
    if (str(raw.intent) === "refuse" && str(raw.note).length < 3) issue("note", "refusalNoteRequired");
  },
);
export type DecideLeaveInput = z.infer<typeof decideLeaveSchema>;
