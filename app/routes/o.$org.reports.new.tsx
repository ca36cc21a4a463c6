import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/Field";
import { useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { reportErrorText } from "~/i18n/sections/reports";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { createReport } from "~/modules/reports/reports.server";
import { createReportSchema } from "~/modules/reports/schema";
import { PERIOD_KINDS } from "~/modules/reports/period";
import { vnDateOf } from "~/utils/dates";
import { handleForm, readForm } from "~/utils/forms.server";
import { DateInput } from "~/components/DateInput";
import { succeeded } from "~/utils/notice.server";

export const meta = titled((t) => t.reports.newPage.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.manage");
  const today = vnDateOf(context.now());
  // Reports are usually written in the first days after the period: propose last month.
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const last = m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
  return { slug: member.org.slug, today, defaults: { ...last, quarter: Math.floor((last.month - 1) / 3) + 1 }, years: Array.from({ length: 6 }, (_, i) => y - 4 + i) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.manage");
  return handleForm(await readForm(request), createReportSchema, async (input) => {
    const id = await createReport(context.db, ctxOf(member, context), input);
    return succeeded(request, context, "reportCreated", {}, `/o/${member.org.slug}/reports/${id}`);
  });
}

export default function NewReport() {
  const t = useT();
  const tr = t.reports;
  const tn = tr.newPage;
  const { slug, today, defaults, years } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldRevalidate: "onSubmit" });
  const error = (name: "kind" | "year" | "month" | "quarter" | "from" | "to") => {
    const text = reportErrorText(t, fields[name].errors?.[0]);
    return text ? (
      <p id={fields[name].errorId} className="field-error" role="alert">
        {text}
      </p>
    ) : null;
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{tn.title}</h1>
      <p className="text-slate-600">{tn.intro}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-5">
        <FormErrors invalid={actionData?.result?.status === "error"} />
        <fieldset>
          <legend className="label">{tn.kind}</legend>
          <div className="mt-1 grid gap-1 text-sm sm:grid-cols-2">
            {PERIOD_KINDS.map((k) => (
              <label key={k} className="flex min-h-10 items-center gap-2">
                <input type="radio" name="kind" value={k} defaultChecked={k === "month"} className="h-4 w-4" />
                {tr.kinds[k]}
              </label>
            ))}
          </div>
          {error("kind")}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor="year" className="label">
              {tn.year}
            </label>
            <select id="year" name="year" defaultValue={String(defaults.year)} className="input mt-1">
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
            {error("year")}
          </div>
          <div>
            <label htmlFor="month" className="label">
              {tn.month}
            </label>
            <select id="month" name="month" defaultValue={String(defaults.month)} className="input mt-1">
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={m}>
                  {String(m).padStart(2, "0")}
                </option>
              ))}
            </select>
            {error("month")}
          </div>
          <div>
            <label htmlFor="quarter" className="label">
              {tn.quarter}
            </label>
            <select id="quarter" name="quarter" defaultValue={String(defaults.quarter)} className="input mt-1">
              {["I", "II", "III", "IV"].map((q, i) => (
                <option key={q} value={i + 1}>
                  {q}
                </option>
              ))}
            </select>
            {error("quarter")}
          </div>
        </div>
        <p className="hint -mt-3">{tn.pickHint}</p>
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{tr.kinds.custom}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="from" className="label">
                {tn.from}
              </label>
              <DateInput id="from" name="from" defaultValue={`${today.slice(0, 8)}01`} className="input mt-1" />
              {error("from")}
            </div>
            <div>
              <label htmlFor="to" className="label">
                {tn.to}
              </label>
              <DateInput id="to" name="to" defaultValue={today} className="input mt-1" />
              {error("to")}
            </div>
          </div>
          <p className="hint">{tn.customHint}</p>
        </fieldset>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary">
            {tn.create}
          </button>
          <a href={`/o/${slug}/reports`} className="btn-secondary">
            {t.common.cancel}
          </a>
        </div>
      </Form>
    </div>
  );
}
