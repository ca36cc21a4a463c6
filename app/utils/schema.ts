import { z } from "zod";
import { parseDateInput } from "./time";

/**
 * A real calendar date, typed dd/mm/yyyy (or sent as YYYY-MM-DD), stored as YYYY-MM-DD; anything
 * else, 30/02/2026 included, is refused with "dateFormat"; left empty, with `required` (the field's
 * own words when it has them). Shared by every form.
 */
export const isoDate = (required = "required") =>
  z
    .string({ required_error: required })
    .trim()
    .transform((s, ctx) => {
      const iso = parseDateInput(s);
      if (iso) return iso;
      ctx.addIssue({ code: "custom", message: s ? "dateFormat" : required });
      return z.NEVER;
    });
