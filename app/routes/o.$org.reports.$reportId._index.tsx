import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateInput } from "~/components/DateInput";
import { fmt, num, useT } from "~/i18n";
import { metaMessages } from "~/i18n/meta";
import { reportErrorText, reportPeriodText } from "~/i18n/sections/reports";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { recipientsEndWithFileCopy, SECTION_HEADINGS, SECTIONS, type SectionKey } from "~/modules/reports/document";
import { deleteReport, finaliseReport, reportView, saveReport } from "~/modules/reports/reports.server";
import { editReportSchema, finaliseReportSchema } from "~/modules/reports/schema";
import { FigureTableView, ReportBodyView } from "~/modules/reports/ui";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  const period = data ? reportPeriodText(t, data.report.periodKind, data.report.periodKey) : "";
  return [{ title: `${t.reports.title}${period ? ` ${period}` : ""} — ${t.app.name}` }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.view");
  const view = await reportView(context.db, member.org.id, params.reportId!, context.now());
  const { row, figures } = view;
  return {
    report: {
      id: row.id,
      status: row.status,
      version: row.version,
      title: row.title,
      number: row.number,
      place: row.place,
      reportDate: row.report_date,
      recipients: row.recipients,
      signerTitle: row.signer_title,
      signerName: row.signer_name,
      periodKind: row.period_kind,
      periodKey: row.period_key,
      finalisedAt: row.finalised_at,
    },
    sections: view.sections,
    tables: view.tables,
    changes: figures.current.staff.changes,
    leaveByKind: figures.current.attendance.leaveByKind,
    failures: figures.current.inspections.failuresByItem,
    hasEvaluation: figures.current.evaluation !== null,
    computedAt: figures.computedAt,
    authorName: view.authorName,
    finalisedByName: view.finalisedByName,
    manage: can(member.roles, "reports.manage"),
    slug: member.org.slug,
    // NĐ 30/2020: "Nơi nhận" ends with "- Lưu: VT." — a warning, never a block.
    recipientsWarning: !recipientsEndWithFileCopy(row.recipients),
  };
}

const deleteSchema = z.object({
  version: z.coerce.number().int(),
  confirm: z.literal("on", { errorMap: () => ({ message: "confirmDelete" }) }),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.manage");
  const ctx = ctxOf(member, context);
  const reportId = params.reportId!;
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const ok = (key: NoticeKey, values?: NoticeValues) => succeeded(request, context, key, values);
  if (intent === "save" || intent.startsWith("regenerate.")) {
    const section = intent.startsWith("regenerate.") ? (intent.slice("regenerate.".length) as SectionKey) : undefined;
    if (section && !SECTIONS.includes(section)) badRequest();
    return handleForm(
      formData,
      editReportSchema,
      async (v) => (await saveReport(context.db, ctx, reportId, v, section), section ? ok("reportSectionRegenerated", { section: SECTION_HEADINGS[section] }) : ok("reportSaved")),
      { intent: "save" },
    );
  }
  if (intent === "finalise") {
    return handleForm(formData, finaliseReportSchema, async (v) => (await finaliseReport(context.db, ctx, reportId, v.version), ok("reportFinalised")), { intent });
  }
  if (intent === "delete") {
    return handleForm(formData, deleteSchema, async (v) => (await deleteReport(context.db, ctx, reportId, v.version), succeeded(request, context, "reportDeleted", {}, `/o/${member.org.slug}/reports`)), { intent });
  }
  badRequest();
}

const LEAVE_KINDS = ["annual", "sick", "business", "personal_paid", "personal_unpaid"] as const;

export default function ReportPage() {
  const t = useT();
  const tr = t.reports;
  const tp = tr.page;
  const d = useLoaderData<typeof loader>();
  const { report, manage, slug } = d;
  const actionData = useActionData<typeof action>();
  const editable = manage && report.status === "draft";
  const errorsOf = (intent: string) => (actionData && "intent" in actionData && actionData.intent === intent && actionData.result?.status === "error" ? (actionData.result.error ?? {}) : {});
  const saveErrors = errorsOf("save");
  const err = (errors: Record<string, string[] | null>, name: string) => {
    const text = reportErrorText(t, errors[name]?.[0]);
    return text ? (
      <p id={`${name}-error`} className="field-error" role="alert">
        {text}
      </p>
    ) : null;
  };
  const topError = (["save", "finalise", "delete"] as const).map((i) => errorsOf(i).version?.[0]).find(Boolean);
  const period = reportPeriodText(t, report.periodKind, report.periodKey);
  const input = (name: "title" | "number" | "place" | "reportDate" | "signerName", label: string, type = "text", hint?: string) => (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      {/* The date is typed dd/mm/yyyy like every date of the app (a native date field shows mm/dd/yyyy on an English browser). */}
      {type === "date" ? (
        <DateInput id={name} name={name} defaultValue={report[name]} className="input mt-1" aria-invalid={saveErrors[name] ? true : undefined} aria-describedby={hint ? `${name}-hint` : undefined} />
      ) : (
        <input
          id={name}
          name={name}
          type={type}
          defaultValue={report[name]}
          className="input mt-1"
          aria-invalid={saveErrors[name] ? true : undefined}
          aria-describedby={hint ? `${name}-hint` : undefined}
        />
      )}
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {err(saveErrors, name)}
    </div>
  );

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p>
        <Link to={`/o/${slug}/reports`}>← {tr.back}</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="page-title">
            {tr.title} · {period}
          </h1>
          <p className="mt-1 text-slate-700">{report.title}</p>
          <p className="mt-1 text-sm text-slate-600">
            <span className={`badge ${report.status === "finalised" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>{tr.status[report.status]}</span>
            {report.status === "finalised" && report.finalisedAt ? ` ${fmt(tp.finalisedBy, { at: formatDateTime(report.finalisedAt), name: d.finalisedByName ?? "—" })}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to={`/o/${slug}/reports/${report.id}/print`} className="btn-secondary">
            {tr.print}
          </Link>
          <a href={`/o/${slug}/reports/${report.id}/download.docx`} className="btn-secondary" download>
            {tr.download}
          </a>
        </div>
      </div>

      {d.recipientsWarning ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="recipients-warning">
          {tr.recipientsWarning}
        </p>
      ) : null}
      {topError ? (
        <p className="alert" role="alert">
          {reportErrorText(t, topError)}
        </p>
      ) : null}

      <section className="card space-y-4" aria-labelledby="figures-heading">
        <div>
          <h2 id="figures-heading" className="text-lg font-semibold">
            {tp.figures}
          </h2>
          <p className="hint">{fmt(report.status === "finalised" ? tp.figuresFrozen : tp.figuresLive, { at: formatDateTime(d.computedAt) })}</p>
        </div>
        <div className="grid gap-6 2xl:grid-cols-2">
          <div className="space-y-3">
            <FigureTableView table={d.tables.staff} />
            {d.changes.length ? (
              <div>
                <h3 className="text-sm font-semibold">{tp.staffChanges}</h3>
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
                  {d.changes.map((c, i) => (
                    <li key={i}>
                      {tp.changeKinds[c.kind]}: {c.name}
                      {c.position ? ` — ${c.position}` : ""} ({c.date.split("-").reverse().join("/")})
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {Object.keys(d.leaveByKind).length ? (
              <p className="text-sm text-slate-700">
                <span className="font-semibold">{tp.leaveByKind}: </span>
                {LEAVE_KINDS.filter((k) => d.leaveByKind[k])
                  .map((k) => `${t.leave.kinds[k]} ${num(t, d.leaveByKind[k]!)}`)
                  .join("; ")}
              </p>
            ) : null}
          </div>
          <div className="space-y-4">
            <FigureTableView table={d.tables.tasks} />
            <FigureTableView table={d.tables.inspections} />
            {d.failures.length ? (
              <div>
                <h3 className="text-sm font-semibold">{tp.failures}</h3>
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
                  {d.failures.slice(0, 5).map((f) => (
                    <li key={f.code}>
                      {f.code} – {f.text}: {f.count}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {d.hasEvaluation ? null : <p className="hint">{tp.noEvaluation}</p>}
          </div>
        </div>
      </section>

      {editable ? (
        <Form method="post" key={report.version} className="space-y-4" aria-labelledby="document-heading">
          <input type="hidden" name="version" value={report.version} />
          <section className="card space-y-4">
            <h2 id="document-heading" className="text-lg font-semibold">
              {tp.details}
            </h2>
            <div className="grid gap-4 md:grid-cols-3">
              {input("number", tp.number, "text", tp.numberHint)}
              {input("place", tp.place)}
              {input("reportDate", tp.date, "date")}
            </div>
            {input("title", tp.summary)}
            <div className="grid gap-4 md:grid-cols-2">
              <div>
                <label htmlFor="recipients" className="label">
                  {tp.recipients}
                </label>
                <textarea id="recipients" name="recipients" rows={5} defaultValue={report.recipients} className="input mt-1" aria-describedby="recipients-hint" />
                <p id="recipients-hint" className="hint">
                  {tp.recipientsHint}
                </p>
                {d.recipientsWarning ? <p className="text-sm text-amber-900">{tr.recipientsWarning}</p> : null}
                {err(saveErrors, "recipients")}
              </div>
              <div className="space-y-4">
                <div>
                  <label htmlFor="signerTitle" className="label">
                    {tp.signerTitle}
                  </label>
                  <textarea id="signerTitle" name="signerTitle" rows={2} defaultValue={report.signerTitle} className="input mt-1" aria-describedby="signerTitle-hint" />
                  <p id="signerTitle-hint" className="hint">
                    {tp.signerTitleHint}
                  </p>
                  {err(saveErrors, "signerTitle")}
                </div>
                {input("signerName", tp.signerName)}
              </div>
            </div>
          </section>
          <section className="card space-y-4">
            <div>
              <h2 className="text-lg font-semibold">{tp.document}</h2>
              <p className="hint">{tp.sectionsHint}</p>
            </div>
            {SECTIONS.map((s) => (
              <div key={s}>
                <label htmlFor={`section-${s}`} className="label">
                  {SECTION_HEADINGS[s]}
                </label>
                <textarea id={`section-${s}`} name={s} rows={s === "conclusion" || s === "situation" ? 7 : 14} defaultValue={d.sections[s]} className="input mt-1 font-serif text-[15px] leading-relaxed" />
                {err(saveErrors, s)}
                <button type="submit" name="intent" value={`regenerate.${s}`} className="mt-1 text-sm text-brand-800 underline underline-offset-2" title={tp.regenerateHint}>
                  {tp.regenerate}
                </button>
              </div>
            ))}
            <p className="hint">{tp.regenerateHint}</p>
          </section>
          <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 lg:-mx-8 lg:px-8">
            <button type="submit" name="intent" value="save" className="btn-primary">
              {tp.save}
            </button>
          </div>
        </Form>
      ) : (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{tp.document}</h2>
          {!manage ? <p className="hint">{tp.readOnly}</p> : null}
          <p className="text-center font-bold">BÁO CÁO</p>
          <p className="text-center font-semibold">{report.title}</p>
          <ReportBodyView sections={d.sections} tables={d.tables} />
        </section>
      )}

      {editable ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Form method="post" className="card space-y-3">
            <input type="hidden" name="version" value={report.version} />
            <h2 className="font-semibold">{tp.finalise}</h2>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="confirm" required className="mt-1 h-4 w-4" />
              <span>{tp.finaliseConfirm}</span>
            </label>
            {err(errorsOf("finalise"), "confirm")}
            <button type="submit" name="intent" value="finalise" className="btn-primary">
              {tp.finalise}
            </button>
          </Form>
          <Form method="post" className="card space-y-3">
            <input type="hidden" name="version" value={report.version} />
            <h2 className="font-semibold">{tp.delete}</h2>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="confirm" required className="mt-1 h-4 w-4" />
              <span>{tp.deleteConfirm}</span>
            </label>
            {err(errorsOf("delete"), "confirm")}
            <button type="submit" name="intent" value="delete" className="btn-danger">
              {tp.delete}
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}
