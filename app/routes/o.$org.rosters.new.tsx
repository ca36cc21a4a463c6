import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/Field";
import { useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { createRoster } from "~/modules/rosters/rosters.server";
import { createRosterSchema } from "~/modules/rosters/schema";
import { vnDateOf } from "~/utils/dates";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { titled } from "~/i18n/meta";
import { DateInput } from "~/components/DateInput";

export const meta = titled((t) => t.rosters.new);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.manage");
  return { slug: member.org.slug, today: vnDateOf(context.now()) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.manage");
  return handleForm(await readForm(request), createRosterSchema, async (input) => {
    const { id, slots } = await createRoster(context.db, ctxOf(member, context), input);
    return succeeded(request, context, "rosterCreated", { title: input.title, n: slots }, `/o/${member.org.slug}/rosters/${id}`);
  });
}

export default function NewRoster() {
  const t = useT();
  const tr = t.rosters;
  const { slug, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { title: "", startDate: today, endDate: today, dayMode: "nonworking", leaderCount: "1", staffCount: "2", securityCount: "0", startTime: "07:30", endTime: "16:30" },
    shouldRevalidate: "onSubmit",
  });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{tr.new}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors invalid={actionData?.result?.status === "error"} />
        <Field meta={fields.title} label={tr.fields.title} hint={tr.fields.titleHint}>
          <input {...getInputProps(fields.title, { type: "text", ariaDescribedBy: fields.title.descriptionId })} className="input" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.startDate} label={tr.fields.startDate}>
            <DateInput {...getInputProps(fields.startDate, { type: "text" })} className="input" />
          </Field>
          <Field meta={fields.endDate} label={tr.fields.endDate}>
            <DateInput {...getInputProps(fields.endDate, { type: "text" })} className="input" />
          </Field>
        </div>
        <fieldset>
          <legend className="label">{tr.fields.dayMode}</legend>
          <div className="mt-1 space-y-1 text-sm">
            {(["nonworking", "all"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input type="radio" name="dayMode" value={m} defaultChecked={m === "nonworking"} className="h-4 w-4" />
                {m === "nonworking" ? tr.fields.dayModeNonworking : tr.fields.dayModeAll}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field meta={fields.leaderCount} label={tr.fields.leaderCount}>
            <input {...getInputProps(fields.leaderCount, { type: "number" })} min={0} max={3} className="input" />
          </Field>
          <Field meta={fields.staffCount} label={tr.fields.staffCount}>
            <input {...getInputProps(fields.staffCount, { type: "number" })} min={0} max={6} className="input" />
          </Field>
          <Field meta={fields.securityCount} label={tr.fields.securityCount}>
            <input {...getInputProps(fields.securityCount, { type: "number" })} min={0} max={3} className="input" />
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.startTime} label={tr.fields.startTime}>
            <input {...getInputProps(fields.startTime, { type: "time" })} className="input" />
          </Field>
          <Field meta={fields.endTime} label={tr.fields.endTime}>
            <input {...getInputProps(fields.endTime, { type: "time" })} className="input" />
          </Field>
        </div>
        <div className="flex gap-3">
          <button type="submit" className="btn-primary">
            {tr.create}
          </button>
          <a href={`/o/${slug}/rosters`} className="btn-secondary">
            {t.common.cancel}
          </a>
        </div>
      </Form>
    </div>
  );
}
