import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { metaMessages } from "~/i18n/meta";
import { inspectionErrorText } from "~/i18n/sections/inspections";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { ReplyError, Section } from "~/components/inspections/InspectionParts";
import { MAX_ITEM_WEIGHT } from "~/modules/inspections/rules";
import { templateSchema, templateStateSchema } from "~/modules/inspections/schema";
import { saveTemplate, setTemplateActive, templatePage } from "~/modules/inspections/templates.server";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  return [{ title: `${data?.template.name ?? t.inspections.templatesPage.title} — ${t.app.name}` }];
};

/** Empty rows offered at the end of the form for new items. */
const NEW_ROWS = 3;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.templates");
  const page = await templatePage(context.db, member.org.id, params.checklistId!);
  const current = page.versions.find((v) => v.id === page.template.current_version_id) ?? page.versions[0];
  return { ...page, current, slug: member.org.slug };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.templates");
  const ctx = ctxOf(member, context);
  const id = params.checklistId!;
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "save":
      return handleForm(
        formData,
        templateSchema,
        async (v) => {
          const { newVersion } = await saveTemplate(context.db, ctx, id, v);
          return succeeded(request, context, newVersion ? "templateSavedNewVersion" : "templateSaved", { name: v.name });
        },
        { intent },
      );
    case "archive":
    case "restore":
      return handleForm(
        formData,
        templateStateSchema,
        async (v) => {
          await setTemplateActive(context.db, ctx, id, v.intent === "restore", v.version);
          const { template } = await templatePage(context.db, ctx.orgId, id);
          return succeeded(request, context, v.intent === "restore" ? "templateRestored" : "templateArchived", { name: template.name });
        },
        { intent },
      );
    default:
      badRequest();
  }
}

interface Row {
  id?: string;
  code?: string;
  text?: string;
  basis?: string;
  weight?: string | number;
  order?: string | number;
  remove?: string;
}

export default function TemplatePage() {
  const t = useT();
  const ti = t.inspections;
  const tp = ti.templatesPage;
  const { template, versions, current, slug } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const saveReply = reply && reply.intent === "save" ? reply : undefined;
  const errors = (saveReply?.result?.error ?? {}) as Record<string, string[] | null | undefined>;
  // After a refused save without JavaScript, show what was typed, not the stored items.
  const typed = (saveReply?.result?.initialValue ?? null) as { name?: string; items?: Row[] } | null;
  const stored: Row[] = (current?.items ?? []).map((i) => ({ id: i.id, code: i.code, text: i.text, basis: i.basis, weight: i.weight, order: i.sort_order }));
  const rows: Row[] = typed?.items?.map((r) => r ?? {}) ?? [...stored, ...Array.from({ length: NEW_ROWS }, () => ({}))];
  const err = (path: string) => inspectionErrorText(t, errors[path]?.[0]);
  const inUse = (current?.useCount ?? 0) > 0;
  const base = `/o/${slug}/inspections`;

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <p>
        <Link to={`${base}/templates`}>← {tp.title}</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="page-title">{template.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {fmt(tp.versionN, { n: current?.number ?? 1 })} · {fmt(tp.usedIn, { n: current?.useCount ?? 0 })}
            {template.active ? null : <span className="badge ml-2">{tp.inactive}</span>}
          </p>
        </div>
        <Form method="post" className="flex flex-col items-start gap-1 sm:items-end">
          <input type="hidden" name="version" value={template.version} />
          <button name="intent" value={template.active ? "archive" : "restore"} className="btn-secondary">
            {template.active ? tp.archive : tp.restore}
          </button>
          {template.active ? <span className="text-xs text-slate-500">{tp.archiveHint}</span> : null}
        </Form>
      </div>
      {reply && reply.intent !== "save" ? (
        <ReplyError error={reply.result?.error} />
      ) : null}
      {inUse ? <p className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">{tp.versionHint}</p> : null}

      <Form method="post" className="space-y-3">
        <input type="hidden" name="version" value={template.version} />
        <ReplyError error={errors.version || errors.items ? { version: errors.version, items: errors.items } : null} />
        <div className="card">
          <label htmlFor="tpl-name" className="label">
            {tp.name}
          </label>
          <input id="tpl-name" name="name" defaultValue={typed?.name ?? template.name} className="input mt-1" aria-invalid={errors.name ? true : undefined} />
          {err("name") ? <p className="field-error">{err("name")}</p> : null}
        </div>
        <p className="text-sm text-slate-600">{tp.newRows}</p>
        <ol className="space-y-2">
          {rows.map((r, i) => {
            const p = `items[${i}]`;
            return (
              // Phone: order, code, weight and remove on one line, the text and basis below.
              // Wider: order, code, text, weight, remove on one line, the basis under the text.
              <li key={i} className="card grid grid-cols-[4.5rem_1fr_4.5rem_auto] items-start gap-2 p-3 sm:grid-cols-[4.5rem_7rem_1fr_4.5rem_3rem]">
                {r.id ? <input type="hidden" name={`${p}.id`} value={r.id} /> : null}
                <div className="sm:col-start-1 sm:row-start-1">
                  <label htmlFor={`${p}.order`} className="text-xs font-medium text-slate-600">
                    {tp.cols.order}
                  </label>
                  <input id={`${p}.order`} name={`${p}.order`} type="number" defaultValue={r.order ?? ""} className="input mt-0.5 px-2 py-1 text-sm" />
                  {err(`${p}.order`) ? <p className="field-error">{err(`${p}.order`)}</p> : null}
                </div>
                <div className="sm:col-start-2 sm:row-start-1">
                  <label htmlFor={`${p}.code`} className="text-xs font-medium text-slate-600">
                    {tp.cols.code}
                  </label>
                  <input id={`${p}.code`} name={`${p}.code`} defaultValue={r.code ?? ""} maxLength={12} className="input mt-0.5 px-2 py-1 text-sm" />
                  {err(`${p}.code`) ? <p className="field-error">{err(`${p}.code`)}</p> : null}
                </div>
                <div className="sm:col-start-4 sm:row-start-1">
                  <label htmlFor={`${p}.weight`} className="text-xs font-medium text-slate-600">
                    {tp.cols.weight}
                  </label>
                  <input id={`${p}.weight`} name={`${p}.weight`} type="number" min={1} max={MAX_ITEM_WEIGHT} defaultValue={r.weight ?? 1} className="input mt-0.5 px-2 py-1 text-sm" />
                  {err(`${p}.weight`) ? <p className="field-error">{err(`${p}.weight`)}</p> : null}
                </div>
                {r.id ? (
                  <label className="flex flex-col items-center gap-1 pt-0.5 text-xs font-medium text-slate-600 sm:col-start-5 sm:row-start-1">
                    {tp.cols.remove}
                    <input type="checkbox" name={`${p}.remove`} value="on" defaultChecked={Boolean(r.remove)} className="mt-1.5 h-5 w-5" />
                  </label>
                ) : (
                  <span className="sm:col-start-5 sm:row-start-1" />
                )}
                <div className="col-span-4 sm:col-span-1 sm:col-start-3 sm:row-start-1">
                  <label htmlFor={`${p}.text`} className="text-xs font-medium text-slate-600">
                    {tp.cols.text}
                  </label>
                  <textarea id={`${p}.text`} name={`${p}.text`} defaultValue={r.text ?? ""} rows={3} className="input mt-0.5 px-2 py-1 text-sm sm:h-[3.75rem]" />
                  {err(`${p}.text`) ? <p className="field-error">{err(`${p}.text`)}</p> : null}
                </div>
                <div className="col-span-4 sm:col-span-1 sm:col-start-3 sm:row-start-2">
                  <label htmlFor={`${p}.basis`} className="text-xs font-medium text-slate-600">
                    {tp.cols.basis}
                  </label>
                  <input id={`${p}.basis`} name={`${p}.basis`} defaultValue={r.basis ?? ""} className="input mt-0.5 px-2 py-1 text-sm" />
                </div>
              </li>
            );
          })}
        </ol>
        <button name="intent" value="save" className="btn-primary">
          {tp.save}
        </button>
      </Form>

      <Section title={tp.versions}>
        <ul className="space-y-2 text-sm">
          {versions.map((v) => (
            <li key={v.id}>
              <details>
                <summary className="cursor-pointer">
                  {fmt(tp.versionLine, { n: v.number, date: formatDate(v.createdAt) })}
                  {v.createdByName ? ` · ${fmt(tp.versionBy, { name: v.createdByName })}` : ""} · {fmt(tp.itemsCount, { n: v.items.length })} ·{" "}
                  {fmt(tp.usedIn, { n: v.useCount })}
                  {v.id === template.current_version_id ? <span className="badge ml-2 bg-green-100 text-green-800">{tp.current}</span> : null}
                </summary>
                <ol className="mt-2 space-y-1 pl-4">
                  {v.items.map((i) => (
                    <li key={i.id}>
                      <span className="font-semibold text-slate-500">{i.code}</span> {i.text}
                      <span className="text-slate-500">
                        {" "}
                        · {fmt(tp.weight, { n: i.weight })}
                        {i.basis ? ` · ${i.basis}` : ""}
                      </span>
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
