// Forms of the report pages (shared by client and server). Error messages are keys: the common
// ones in t.errors, the report's own in t.reports.errors.
import { z } from "zod";
import { customPeriod, PERIOD_KINDS, reportPeriod, type ReportPeriod } from "./period";
import { isoDate } from "../../utils/schema";
import { parseDateInput } from "../../utils/time";

const opt = z.string().trim().optional();

/** The period the form describes, or null with the field at fault. */
function periodFromForm(v: { kind: string; year?: string; month?: string; quarter?: string; from?: string; to?: string }): { period: ReportPeriod | null; field: string; error: string } {
  const year = /^\d{4}$/.test(v.year ?? "") ? v.year! : null;
  switch (v.kind) {
    case "month": {
      const m = /^(0?[1-9]|1[0-2])$/.test(v.month ?? "") ? String(Number(v.month)).padStart(2, "0") : null;
      if (!year) return { period: null, field: "year", error: "required" };
      if (!m) return { period: null, field: "month", error: "invalidChoice" };
      return { period: reportPeriod(`${year}-${m}`), field: "year", error: "invalidChoice" };
    }
    case "quarter": {
      if (!year) return { period: null, field: "year", error: "required" };
      if (!/^[1-4]$/.test(v.quarter ?? "")) return { period: null, field: "quarter", error: "invalidChoice" };
      return { period: reportPeriod(`${year}-Q${v.quarter}`), field: "year", error: "invalidChoice" };
    }
    case "year":
      return { period: year ? reportPeriod(year) : null, field: "year", error: "required" };
    default: {
      const from = parseDateInput(v.from);
      const to = parseDateInput(v.to);
      if (!from) return { period: null, field: "from", error: "dateFormat" };
      if (!to) return { period: null, field: "to", error: "dateFormat" };
      if (to < from) return { period: null, field: "to", error: "endBeforeStart" };
      const p = customPeriod(from, to);
      return { period: p, field: "to", error: p ? "" : "periodTooLong" };
    }
  }
}

export const createReportSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS, { errorMap: () => ({ message: "invalidChoice" }) }),
    year: opt,
    month: opt,
    quarter: opt,
    from: opt,
    to: opt,
  })
  .superRefine((v, ctx) => {
    const r = periodFromForm(v);
    if (!r.period) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [r.field], message: r.error || "invalidChoice" });
  })
  .transform((v) => ({ period: periodFromForm(v).period! }));

/** "4/BC-TTPVHCC" → "04/BC-TTPVHCC": numbers below 10 take a leading zero (NĐ 30/2020). */
function normaliseNumber(n: string): string {
  const t = n.trim().replace(/^số\s*:?\s*/i, "");
  return t.replace(/^(\d)(?=\/)/, "0$1");
}

const text = (max: number) => z.string({ required_error: "required" }).trim().max(max, "tooLong");
const section = z.string().max(20_000, "tooLong").default("");

export const editReportSchema = z.object({
  version: z.coerce.number().int(),
  title: text(300).min(3, "required"),
  number: z.string().trim().max(60, "tooLong").default("").transform(normaliseNumber),
  place: text(80).min(1, "required"),
  reportDate: isoDate(),
  recipients: z.string().trim().max(2000, "tooLong").default(""),
  signerTitle: z.string().trim().max(120, "tooLong").default(""),
  signerName: z.string().trim().max(120, "tooLong").default(""),
  situation: section,
  organisation: section,
  results: section,
  assessment: section,
  solutions: section,
  conclusion: section,
});
export type EditReportInput = z.infer<typeof editReportSchema>;

export const finaliseReportSchema = z.object({
  version: z.coerce.number().int(),
  confirm: z.literal("on", { errorMap: () => ({ message: "confirmFinalise" }) }),
});
