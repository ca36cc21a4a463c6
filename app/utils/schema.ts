import { z } from "zod";
import { isIsoDate } from "./time";

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused with "dateFormat"). Shared by every form. */
export const isoDate = () => z.string({ required_error: "required" }).trim().refine(isIsoDate, "dateFormat");
