import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { FieldError } from "./errors";

export type FormReply = {
  result: SubmissionResult<string[]>;
  notice?: string;
  /** Which of several forms on a page was submitted, so only that one shows the errors. */
  intent?: string;
};

/**
 * The one way actions handle a form: validate with the schema (400 with field messages when
 * invalid), run the service, and turn a FieldError from it into a message beside that field.
 */
export async function handleForm<Schema extends z.ZodTypeAny, R>(
  formData: FormData,
  schema: Schema,
  onValid: (value: z.output<Schema>) => Promise<R>,
  opts: { intent?: string } = {},
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), intent: opts.intent } satisfies FormReply, { status: 400 });
  }
  try {
    return await onValid(submission.value);
  } catch (err) {
    if (err instanceof FieldError) {
      const fieldErrors = Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, [k]]));
      return data({ result: submission.reply({ fieldErrors }), intent: opts.intent } satisfies FormReply, {
        status: 400,
      });
    }
    throw err;
  }
}

/** The reply for a form that succeeded but stays on the page (e.g. a notice). */
export function formDone(notice: string) {
  return data({ result: { status: "success" } as SubmissionResult<string[]>, notice } satisfies FormReply);
}
