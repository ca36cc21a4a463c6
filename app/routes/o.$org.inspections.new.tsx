import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { InspField, ReplyError } from "~/components/inspections/InspectionParts";
import { createInspection, createQuickInspection, inspectionFormOptions } from "~/modules/inspections/inspections.server";
import { PHOTO_FILES, photoFields, preparePhotos } from "~/modules/inspections/photos.server";
import { createInspectionSchema, quickInspectionSchema } from "~/modules/inspections/schema";
import { itemsOfChoice, templateChoices } from "~/modules/inspections/templates.server";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

export const meta = titled((t) => t.inspections.new);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.conduct");
  const url = new URL(request.url);
  const quick = url.searchParams.get("quick") === "1";
  const [options, templates] = await Promise.all([inspectionFormOptions(context.db, member.org.id), templateChoices(context.db, member.org.id)]);
  const counterParam = url.searchParams.get("counter") ?? "";
  const counter = options.counters.includes(counterParam) ? counterParam : "";
  const template = templates.find((x) => x.id === url.searchParams.get("template")) ?? templates[0]!;
  const items = quick && counter ? await itemsOfChoice(context.db, member.org.id, template.id) : [];
  return {
    slug: member.org.slug,
    quick,
    counter,
    counters: options.counters,
    members: options.members,
    atCounter: counter ? options.members.filter((m) => m.counter === counter && m.id !== member.membershipId) : [],
    templates,
    template,
    items,
    me: member.membershipId,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.conduct");
  const ctx = ctxOf(member, context);
  const slug = member.org.slug;
  const formData = await readForm(request, { files: { ...PHOTO_FILES, context } });
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "create":
      return handleForm(
        formData,
        createInspectionSchema,
        async (v) => succeeded(request, context, "inspectionStarted", {}, `/o/${slug}/inspections/${await createInspection(context.db, ctx, v)}`),
        { intent },
      );
    case "quickSubmit":
    case "quickDraft":
      return handleForm(
        formData,
        quickInspectionSchema,
        async (v) => {
          // `photos.<member>` shows the member, `photos.<member>.<item code>` one of their failed items.
          // Photos of a member then unticked, or of an item then not failed, are ignored with it.
          const files = photoFields(formData, (name) => name.startsWith("photos."))
            .map(({ name, file }) => {
              const [membershipId = "", itemCode = null] = name.slice("photos.".length).split(".");
              return { file, membershipId, itemCode };
            })
            .filter((f) => v.memberIds.includes(f.membershipId) && (!f.itemCode || Boolean(v.fail?.[f.membershipId]?.[f.itemCode])));
          const photos = await preparePhotos(files);
          const id = await createQuickInspection(context.db, ctx, v, photos, context.files);
          return succeeded(request, context, v.intent === "quickSubmit" ? "inspectionSubmitted" : "inspectionDraftSaved", {}, `/o/${slug}/inspections/${id}`);
        },
        { intent: "quick" },
      );
    default:
      badRequest();
  }
}

function FullForm() {
  const t = useT();
  const ti = t.inspections;
  const { counters, members, templates, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<Record<string, string>>({
    lastResult: actionData?.result,
    defaultValue: { templateId: templates[0]?.id ?? "" },
    shouldRevalidate: "onSubmit",
  });
  const memberError = fields.memberIds.errors?.[0];
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <FormErrors invalid={actionData?.result?.status === "error"} />
      <input type="hidden" name="intent" value="create" />
      <div className="grid gap-4 sm:grid-cols-2">
        <InspField meta={fields.inspectedAt} label={ti.inspectedAt} hint={ti.newPage.inspectedAtHint} optional>
          <input {...getInputProps(fields.inspectedAt, { type: "datetime-local", ariaDescribedBy: fields.inspectedAt.descriptionId })} className="input" />
        </InspField>
        <InspField meta={fields.templateId} label={ti.newPage.template}>
          <select {...getSelectProps(fields.templateId)} className="input">
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </InspField>
        <InspField meta={fields.counter} label={ti.counter} optional>
          <select {...getSelectProps(fields.counter)} className="input">
            <option value="">{ti.newPage.counterNone}</option>
            {counters.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </InspField>
        <InspField meta={fields.place} label={ti.place} hint={ti.newPage.placeHint} optional>
          <input {...getInputProps(fields.place, { type: "text", ariaDescribedBy: fields.place.descriptionId })} className="input" />
        </InspField>
      </div>
      <fieldset>
        <legend className="label">{ti.members}</legend>
        <p className="hint">{ti.newPage.membersHint}</p>
        <div className="mt-2 max-h-80 overflow-y-auto rounded-md border border-slate-200">
          {members.map((m) => (
            <label key={m.id} className="flex items-start gap-3 border-b border-slate-100 px-3 py-2 last:border-b-0 has-[:disabled]:opacity-50">
              <input type="checkbox" name="memberIds" value={m.id} disabled={m.id === me} className="mt-1 h-4 w-4 shrink-0" />
              <span className="min-w-0 text-sm">
                <span className="font-medium">{m.name}</span> {m.id === me ? <span className="text-slate-500">{ti.newPage.self}</span> : null}
                <span className="block text-slate-600">{[m.title, m.counter].filter(Boolean).join(" · ")}</span>
              </span>
            </label>
          ))}
        </div>
        <ReplyError error={memberError ? { memberIds: [memberError] } : null} />
      </fieldset>
      <InspField meta={fields.note} label={ti.newPage.note} optional>
        <textarea {...getTextareaProps(fields.note)} rows={2} className="input" />
      </InspField>
      <button type="submit" className="btn-primary">
        {ti.newPage.create}
      </button>
    </Form>
  );
}

function QuickStart() {
  const t = useT();
  const ti = t.inspections;
  const { counters, templates, template } = useLoaderData<typeof loader>();
  return (
    <Form method="get" className="card space-y-4">
      <input type="hidden" name="quick" value="1" />
      <fieldset>
        <legend className="label">{ti.quickPage.chooseCounter}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {counters.map((c) => (
            <label key={c} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="counter" value={c} required className="h-5 w-5 shrink-0" />
              <span className="font-medium">{c}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {templates.length > 1 ? (
        <div>
          <label htmlFor="template" className="label">
            {ti.newPage.template}
          </label>
          <select id="template" name="template" defaultValue={template.id} className="input mt-1">
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {ti.quickPage.start}
      </button>
    </Form>
  );
}

function QuickForm() {
  const t = useT();
  const ti = t.inspections;
  const { counter, atCounter, template, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData?.result?.status === "error" ? actionData.result.error : null;
  const query = new URLSearchParams({ quick: "1", counter, template: template.id, intent: "quick" });
  return (
    <Form method="post" action={`?${query}`} encType="multipart/form-data" className="space-y-4">
      <input type="hidden" name="counter" value={counter} />
      <input type="hidden" name="templateId" value={template.id} />
      <div className="card space-y-1 text-sm">
        <p className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-base font-semibold">{counter}</span>
          <Link to={`?quick=1&template=${encodeURIComponent(template.id)}`} className="text-sm">
            {ti.quickPage.changeCounter}
          </Link>
        </p>
        <p className="text-slate-600">{ti.quickPage.serverTime}</p>
        <p className="text-slate-600">
          {ti.newPage.template}: {template.name}
        </p>
      </div>
      <ReplyError error={error} />
      {atCounter.length === 0 ? <p className="card text-slate-700">{ti.quickPage.noMembers}</p> : null}
      {atCounter.map((m) => (
        <section key={m.id} className="card space-y-3" aria-labelledby={`m-${m.id}`}>
          <label className="flex items-center gap-3">
            <input type="checkbox" name="memberIds" value={m.id} defaultChecked className="h-5 w-5 shrink-0" />
            <span id={`m-${m.id}`} className="min-w-0">
              <span className="block font-semibold">{m.name}</span>
              <span className="block text-sm text-slate-600">{m.title}</span>
            </span>
          </label>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{ti.quickPage.tapToFail}</legend>
            <ul className="mt-2 space-y-1.5">
              {items.map((it) => (
                // Tapping an item as failing opens, below it, what was seen and its photos (CSS only:
                // it works before JavaScript loads).
                <li key={it.code} className="group rounded-md border border-slate-200 text-sm has-[:checked]:border-red-400 has-[:checked]:bg-red-50">
                  <label className="flex cursor-pointer items-start gap-3 px-3 py-2">
                    <span className="min-w-0 flex-1">
                      <span className="font-semibold text-slate-600">{it.code}</span> {it.text}
                    </span>
                    <span className="flex shrink-0 items-center gap-1.5 pt-0.5 text-xs font-medium text-red-800">
                      <input type="checkbox" name={`fail.${m.id}.${it.code}`} className="h-5 w-5 accent-red-600" />
                      {ti.quickPage.failTag}
                    </span>
                  </label>
                  <div className="hidden space-y-2 border-t border-red-200 px-3 py-2 group-has-[:checked]:block">
                    <div>
                      <label htmlFor={`fn-${m.id}-${it.code}`} className="label">
                        {fmt(ti.quickPage.itemNote, { code: it.code })} <span className="font-normal text-slate-600">({t.common.optional})</span>
                      </label>
                      <input id={`fn-${m.id}-${it.code}`} name={`failNote.${m.id}.${it.code}`} className="input mt-1" />
                    </div>
                    <div>
                      <label htmlFor={`fp-${m.id}-${it.code}`} className="label">
                        {fmt(ti.quickPage.itemPhotos, { code: it.code })} <span className="font-normal text-slate-600">({t.common.optional})</span>
                      </label>
                      <input
                        id={`fp-${m.id}-${it.code}`}
                        name={`photos.${m.id}.${it.code}`}
                        type="file"
                        accept="image/jpeg,image/png,image/webp"
                        capture="environment"
                        multiple
                        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
                      />
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </fieldset>
          <div>
            <label htmlFor={`note-${m.id}`} className="label">
              {ti.quickPage.memberNote} <span className="font-normal text-slate-500">({t.common.optional})</span>
            </label>
            <input id={`note-${m.id}`} name={`memberNote.${m.id}`} className="input mt-1" />
          </div>
          <div>
            <label htmlFor={`photos-${m.id}`} className="label">
              {ti.quickPage.otherPhotos} <span className="font-normal text-slate-500">({t.common.optional})</span>
            </label>
            <input
              id={`photos-${m.id}`}
              name={`photos.${m.id}`}
              type="file"
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              multiple
              aria-describedby={`photos-hint-${m.id}`}
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
            />
            <p id={`photos-hint-${m.id}`} className="hint">
              {ti.quickPage.photosHint}
            </p>
          </div>
        </section>
      ))}
      <div className="card">
        <label htmlFor="quick-note" className="label">
          {ti.newPage.note} <span className="font-normal text-slate-500">({t.common.optional})</span>
        </label>
        <textarea id="quick-note" name="note" rows={2} className="input mt-1" />
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <button type="submit" name="intent" value="quickSubmit" className="btn-primary" disabled={atCounter.length === 0}>
          {ti.quickPage.submit}
        </button>
        <button type="submit" name="intent" value="quickDraft" className="btn-secondary" disabled={atCounter.length === 0}>
          {ti.quickPage.draft}
        </button>
      </div>
    </Form>
  );
}

export default function NewInspection() {
  const t = useT();
  const ti = t.inspections;
  const { slug, quick, counter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/o/${slug}/inspections`}>← {ti.title}</Link>
      </p>
      <h1 className="page-title">{quick ? ti.quickPage.title : ti.newPage.title}</h1>
      {quick ? (
        <>
          {counter ? null : <p className="text-slate-700">{ti.quickPage.intro}</p>}
          {counter ? null : <ReplyError error={actionData?.result?.status === "error" ? actionData.result.error : null} />}
          {counter ? <QuickForm /> : <QuickStart />}
        </>
      ) : (
        <>
          <p className="text-slate-700">{ti.newPage.intro}</p>
          <Link to="?quick=1" className="card block no-underline hover:bg-slate-50">
            <span className="font-medium text-brand-700">{ti.newPage.quickLink} →</span>
            <span className="block text-sm text-slate-600">{ti.newPage.quickLinkHint}</span>
          </Link>
          <FullForm />
        </>
      )}
    </div>
  );
}
