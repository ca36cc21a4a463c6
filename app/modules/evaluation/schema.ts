// Form schemas of the evaluation pages, shared by client and server. Messages are error keys: the
// evaluations section's own (`t.evaluations.errors`) first, then `t.errors`; a key may carry one
// value after '|' (see evaluationErrorText).
import { z } from "zod";
import { withRules } from "../../utils/schema";
import { CRITERION_MAX, GENERAL_CRITERIA, TASK_POINTS, type GeneralCriterion } from "./score";

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** A number of points written with a comma or a dot ("7,5"), at most two decimals, 0..max. */
export function parsePoints(text: string, max: number): number | null {
  const s = text.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n >= 0 && n <= max ? n : null;
}

const pointsField = (max: number) =>
  z
    .string({ required_error: "required" })
    .trim()
    .transform((s, ctx) => {
      const n = parsePoints(s, max);
      if (n === null) {
        ctx.addIssue({ code: "custom", message: `pointsRange|${max}` });
        return z.NEVER;
      }
      return n;
    });

const note = z.string().trim().max(500, "tooLong").optional();
const version = z.coerce.number({ invalid_type_error: "invalid" }).int().min(0);

export const noteField = (c: GeneralCriterion) => `${c}Note` as const;

/** The four general criteria with their justifications, and the discipline flag with its note (a period or a year). */
const generalFields = {
  political: pointsField(CRITERION_MAX.political),
  politicalNote: note,
  ethics: pointsField(CRITERION_MAX.ethics),
  ethicsNote: note,
  style: pointsField(CRITERION_MAX.style),
  styleNote: note,
  discipline: pointsField(CRITERION_MAX.discipline),
  disciplineNote: note,
  disciplined: z.literal("on").optional(),
  disciplinedNote: note,
};

/** A justification wherever points are taken off, and the reason for a discipline. */
function generalRules(raw: Record<string, unknown>, issue: (field: string, key: string) => void) {
  for (const c of GENERAL_CRITERIA) {
    const n = parsePoints(str(raw[c]), CRITERION_MAX[c]);
    if (n !== null && n < CRITERION_MAX[c] && str(raw[noteField(c)]).length < 3) issue(noteField(c), "justificationRequired");
  }
  if (str(raw.disciplined) === "on" && str(raw.disciplinedNote).length < 3) issue("disciplinedNote", "disciplinedNoteRequired");
}

/** The evaluator's form: the four general criteria, the discipline override, and (empty period) task points. */
export const generalSchema = withRules(
  z.object({
    intent: z.literal("general"),
    version,
    ...generalFields,
    manualTaskPoints: z
      .string()
      .trim()
      .optional()
      .transform((s, ctx) => {
        if (!s) return null;
        const n = parsePoints(s, TASK_POINTS);
        if (n === null) {
          ctx.addIssue({ code: "custom", message: `pointsRange|${TASK_POINTS}` });
          return z.NEVER;
        }
        return n;
      }),
    manualTaskNote: note,
  }),
  (raw, issue) => {
    generalRules(raw, issue);
    if (str(raw.manualTaskPoints) && str(raw.manualTaskNote).length < 3) issue("manualTaskNote", "manualTaskNoteRequired");
  },
);
export type GeneralInput = z.infer<typeof generalSchema>;

export const selfAssessmentSchema = z.object({
  intent: z.literal("self"),
  version,
  text: z.string({ required_error: "selfAssessmentRequired" }).trim().min(3, "selfAssessmentRequired").max(3000, "tooLong"),
});
export type SelfAssessmentInput = z.infer<typeof selfAssessmentSchema>;

export const finaliseSchema = z.object({
  intent: z.literal("finalise"),
  /** Finalising locks the figures for good: the person ticks that they know (works without JavaScript). */
  confirm: z.literal("on", { errorMap: () => ({ message: "confirmIrreversible" }) }),
  version,
});

const weight = z.coerce
  .number({ invalid_type_error: "weightFormat", required_error: "required" })
  .int("weightFormat")
  .min(0, "weightFormat")
  .max(100, "weightFormat");

export const weightsSchema = withRules(
  z.object({
    intent: z.literal("weights"),
    quantity: weight,
    quality: weight,
    timeliness: weight,
  }),
  (raw, issue) => {
    const n = (k: string) => Number(str(raw[k]) || "0");
    if (n("quantity") + n("quality") + n("timeliness") === 0) issue("quantity", "weightsAllZero");
  },
);
export type WeightsInput = z.infer<typeof weightsSchema>;

/** What the centre does with an extension asked once a task is overdue (tasks/rules.ts LATE_EXTENSION_RULES). */
export const lateExtensionsSchema = z.object({
  intent: z.literal("lateExtensions"),
  rule: z.enum(["keep_late", "refuse"], { errorMap: () => ({ message: "invalidChoice" }) }),
});

// ---------- the annual evaluation ----------

const BAND_KEYS = ["excellent", "good", "completed", "failed"] as const;
/** "" (as the points give) or a band. */
const optionalBand = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx): (typeof BAND_KEYS)[number] | null => {
    if (!s) return null;
    if ((BAND_KEYS as readonly string[]).includes(s)) return s as (typeof BAND_KEYS)[number];
    ctx.addIssue({ code: "custom", message: "invalidChoice" });
    return z.NEVER;
  });

/**
 * The evaluator's form for the year: the four general criteria with justifications, the caps
 * (disciplined; away 3 to under 6 months), a lower final band with its reason, and a comment.
 */
export const yearAssessmentSchema = withRules(
  z.object({
    intent: z.literal("yearAssessment"),
    version,
    ...generalFields,
    absent: z.literal("on").optional(),
    absentNote: note,
    chosenBand: optionalBand,
    chosenBandNote: note,
    comment: z.string().trim().max(3000, "tooLong").optional(),
  }),
  (raw, issue) => {
    generalRules(raw, issue);
    if (str(raw.absent) === "on" && str(raw.absentNote).length < 3) issue("absentNote", "absentNoteRequired");
    if (str(raw.chosenBand) && str(raw.chosenBandNote).length < 3) issue("chosenBandNote", "chosenBandNoteRequired");
  },
);
export type YearAssessmentInput = z.infer<typeof yearAssessmentSchema>;

/** The member's self-assessment for the year and the band they propose for themselves. */
export const yearSelfSchema = z.object({
  intent: z.literal("yearSelf"),
  version,
  text: z.string({ required_error: "selfAssessmentRequired" }).trim().min(3, "selfAssessmentRequired").max(3000, "tooLong"),
  selfBand: optionalBand,
});
export type YearSelfInput = z.infer<typeof yearSelfSchema>;

/** Finalising the year; before 1 December it needs the reason (transfer, retirement…). */
export const yearFinaliseSchema = z.object({
  intent: z.literal("yearFinalise"),
  version,
  earlyReason: z.string().trim().max(500, "tooLong").optional(),
});
