import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrors } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { metaMessages } from "~/i18n/meta";
import { inspectionErrorText } from "~/i18n/sections/inspections";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { ActionBadges, InspField, OutcomeBadge, ReplyError, ScoreChip, Section, StatusBadge } from "~/modules/inspections/components";
import {
  addAddendum,
  addPhotos,
  deleteDraft,
  deletePhoto,
  explainAction,
  inspectionPage,
  inspectionViewerOf,
  loadInspection,
  raiseAction,
  saveResults,
  verifyAction,
  withOverdue,
} from "~/modules/inspections/inspections.server";
import { PHOTO_FILES, photoFields, preparePhotos } from "~/modules/inspections/photos.server";
import { actionAllowed, DEFAULT_DUE_DAYS, inspectionAllowed, OUTCOMES, PENDING_ACTION_STATUSES } from "~/modules/inspections/rules";
import {
  addendumSchema,
  deleteDraftSchema,
  deletePhotoSchema,
  explainActionSchema,
  photoSchema,
  raiseActionSchema,
  resultsSchema,
  verifyActionSchema,
} from "~/modules/inspections/schema";
import { addDays, vnDateOf } from "~/modules/tasks/rules";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { getMember } from "~/modules/org/org.server";
import { formatDate, formatDateTime } from "~/utils/time";
import { DateInput } from "~/components/DateInput";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  const title = data ? fmt(t.inspections.page.title, { date: formatDate(data.inspection.inspected_at) }) : t.inspections.title;
  return [{ title: `${title} — ${t.app.name}` }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.view");
  const viewer = inspectionViewerOf(ctxOf(member, context), member.roles);
  const { inspection, relation } = await loadInspection(context.db, viewer, params.inspectionId!);
  const page = await inspectionPage(context.db, viewer, inspection, relation);
  const today = vnDateOf(context.now());
  const status = inspection.status;
  return {
    inspection,
    ...page,
    actions: withOverdue(page.actions, today).map((a) => ({
      ...a,
      canExplain: actionAllowed("explain", a.status, { member: a.membershipId === member.membershipId, conduct: viewer.conduct }),
      // Nobody concludes an action raised against themselves (the server refuses it too).
      canVerify:
        inspectionAllowed("verifyAction", status, relation) &&
        a.membershipId !== member.membershipId &&
        actionAllowed("verify", a.status, { member: false, conduct: viewer.conduct }),
    })),
    can: {
      edit: inspectionAllowed("edit", status, relation),
      delete: inspectionAllowed("delete", status, relation),
      amend: inspectionAllowed("amend", status, relation) && !relation.inspected,
      raise: inspectionAllowed("raiseAction", status, relation),
    },
    defaultDue: addDays(today, DEFAULT_DUE_DAYS),
    today,
    slug: member.org.slug,
    me: member.membershipId,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.view");
  const ctx = ctxOf(member, context);
  const viewer = inspectionViewerOf(ctx, member.roles);
  const id = params.inspectionId!;
  const db = context.db;
  const filesDir = context.config.filesDir;
  const formData = await readForm(request, { files: { ...PHOTO_FILES, context } });
  const intent = String(formData.get("intent") ?? "");
  const actionId = String(formData.get("actionId") ?? "");
  const ok = (key: NoticeKey, values: NoticeValues = {}) => succeeded(request, context, key, values);
  switch (intent) {
    case "saveResults":
    case "submit":
      return handleForm(formData, resultsSchema, async (v) => (await saveResults(db, ctx, viewer, id, v), ok(v.intent === "submit" ? "inspectionSubmitted" : "inspectionDraftSaved")), {
        intent: "results",
      });
    case "addPhoto":
      return handleForm(
        formData,
        photoSchema,
        async (v) => {
          const photos = await preparePhotos(photoFields(formData, (name) => name === "photos").map(({ file }) => ({ file, membershipId: v.membershipId ?? null, itemId: v.itemId ?? null })));
          await addPhotos(db, ctx, viewer, id, { membershipId: v.membershipId, itemId: v.itemId }, photos, filesDir);
          return ok("photosAdded");
        },
        { intent },
      );
    case "deletePhoto":
      return handleForm(formData, deletePhotoSchema, async (v) => (await deletePhoto(db, ctx, viewer, id, v.photoId, filesDir), ok("photoDeleted")), { intent });
    case "deleteDraft":
      return handleForm(
        formData,
        deleteDraftSchema,
        async (v) => {
          await deleteDraft(db, ctx, viewer, id, v.version, filesDir);
          return succeeded(request, context, "inspectionDeleted", {}, `/o/${member.org.slug}/inspections`);
        },
        { intent },
      );
    case "addendum":
      return handleForm(formData, addendumSchema, async (v) => (await addAddendum(db, ctx, viewer, id, v), ok("addendumAdded")), { intent });
    case "raiseAction":
      return handleForm(
        formData,
        raiseActionSchema,
        async (v) => {
          const r = await raiseAction(db, ctx, viewer, id, v);
          return ok("actionRaised", { name: (await getMember(db, ctx.orgId, r.membershipId)).fullName, date: formatDate(v.dueDate) });
        },
        { intent },
      );
    case "explain":
      return handleForm(formData, explainActionSchema, async (v) => (await explainAction(db, ctx, viewer, id, v), ok("actionExplained")), {
        intent: `explain:${actionId}`,
      });
    case "resolve":
    case "notResolved":
      return handleForm(formData, verifyActionSchema, async (v) => (await verifyAction(db, ctx, viewer, id, v), ok(v.intent === "resolve" ? "actionResolved" : "actionNotResolved")), {
        intent: `verify:${actionId}`,
      });
    default:
      badRequest();
  }
}

type Reply = ReturnType<typeof useActionData<typeof action>>;

function replyFor(reply: Reply, key: string) {
  return reply && "intent" in reply && reply.intent === key ? reply : undefined;
}

/** One small form of the page; its errors show only when it was the one submitted. */
function ActionForm({
  formKey,
  children,
  multipart,
  formAction,
}: {
  formKey: string;
  multipart?: boolean;
  formAction?: string;
  children: (fields: ReturnType<typeof useForm<Record<string, string>>>[1]) => ReactNode;
}) {
  const mine = replyFor(useActionData<typeof action>(), formKey);
  const [form, fields] = useForm<Record<string, string>>({
    id: `insp-${formKey}`,
    lastResult: mine?.result,
    shouldRevalidate: "onSubmit",
  });
  const t = useT();
  const general = mine?.result?.error?.version?.[0] ?? mine?.result?.error?.photos?.[0] ?? mine?.result?.error?.resultId?.[0];
  return (
    <Form method="post" action={formAction} {...getFormProps(form)} encType={multipart ? "multipart/form-data" : undefined} className="space-y-3">
      {general ? (
        <p className="alert" role="alert">
          {inspectionErrorText(t, general)}
        </p>
      ) : (
        <FormErrors invalid={mine?.result?.status === "error"} />
      )}
      {children(fields)}
    </Form>
  );
}

const OUTCOME_PICK: Record<string, string> = {
  pass: "has-[:checked]:border-green-600 has-[:checked]:bg-green-600 has-[:checked]:text-white",
  fail: "has-[:checked]:border-red-600 has-[:checked]:bg-red-600 has-[:checked]:text-white",
  na: "has-[:checked]:border-slate-600 has-[:checked]:bg-slate-600 has-[:checked]:text-white",
};

function ResultsForm() {
  const t = useT();
  const ti = t.inspections;
  const { inspection, items, members, results } = useLoaderData<typeof loader>();
  const reply = replyFor(useActionData<typeof action>(), "results");
  const resultOf = new Map(results.map((r) => [`${r.membershipId}:${r.itemId}`, r]));
  return (
    <Form method="post" className="space-y-4">
      <input type="hidden" name="version" value={inspection.version} />
      <ReplyError error={reply?.result?.error} />
      {members.map((m) => (
        <section key={m.id} className="card" aria-labelledby={`member-${m.id}`}>
          <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
            <h3 id={`member-${m.id}`} className="font-semibold">
              {m.name}
              <span className="block text-sm font-normal text-slate-600">{[m.title, m.counter].filter(Boolean).join(" · ")}</span>
            </h3>
            <ScoreChip name={ti.score} score={m.score} fail={m.fail} />
          </div>
          <ul className="divide-y divide-slate-100">
            {items.map((it) => {
              const r = resultOf.get(`${m.id}:${it.id}`);
              const outcome = r?.outcome ?? "pass";
              return (
                <li key={it.id} className="grid gap-2 py-2.5 md:grid-cols-[1fr_auto] md:items-start">
                  <p className="text-sm">
                    <span className="font-semibold text-slate-500">{it.code}</span> {it.text}
                  </p>
                  <fieldset className="flex gap-1">
                    <legend className="sr-only">
                      {m.name} — {it.code}
                    </legend>
                    {OUTCOMES.map((o) => (
                      <label key={o} className={`cursor-pointer rounded-md border border-slate-300 px-2.5 py-1.5 text-xs font-medium text-slate-700 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${OUTCOME_PICK[o]}`}>
                        <input type="radio" name={`outcome.${m.id}.${it.id}`} value={o} defaultChecked={outcome === o} className="sr-only" />
                        {ti.outcome[o]}
                      </label>
                    ))}
                  </fieldset>
                  <label className="md:col-span-2">
                    <span className="sr-only">
                      {ti.page.itemNote} {it.code}
                    </span>
                    <input name={`note.${m.id}.${it.id}`} defaultValue={r?.note ?? ""} placeholder={ti.page.itemNote} className="input py-1 text-sm" />
                  </label>
                </li>
              );
            })}
          </ul>
          <div className="mt-2">
            <label htmlFor={`mnote-${m.id}`} className="label">
              {ti.page.memberNote}
            </label>
            <textarea id={`mnote-${m.id}`} name={`memberNote.${m.id}`} defaultValue={m.note} rows={2} className="input mt-1" />
          </div>
        </section>
      ))}
      <div className="card space-y-3">
        <div>
          <label htmlFor="generalNote" className="label">
            {ti.page.generalNote}
          </label>
          <textarea id="generalNote" name="generalNote" defaultValue={inspection.note} rows={2} className="input mt-1" />
        </div>
        <p className="hint">{ti.page.submitHint}</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <button type="submit" name="intent" value="saveResults" className="btn-secondary">
            {ti.page.saveResults}
          </button>
          <button type="submit" name="intent" value="submit" className="btn-primary">
            {ti.page.submit}
          </button>
        </div>
      </div>
    </Form>
  );
}

function ResultsView() {
  const t = useT();
  const ti = t.inspections;
  const { items, members, results, photos, slug } = useLoaderData<typeof loader>();
  const resultOf = new Map(results.map((r) => [`${r.membershipId}:${r.itemId}`, r]));
  return (
    <>
      {members.map((m) => (
        <section key={m.id} className="card" aria-labelledby={`member-${m.id}`}>
          <div className="mb-1 flex flex-wrap items-start justify-between gap-2">
            <h3 id={`member-${m.id}`} className="font-semibold">
              {m.name}
              <span className="block text-sm font-normal text-slate-600">{[m.title, m.counter].filter(Boolean).join(" · ")}</span>
            </h3>
            <ScoreChip name={ti.score} score={m.score} fail={m.fail} />
          </div>
          <p className="text-sm text-slate-600">{fmt(ti.counts, { pass: m.pass, fail: m.fail, na: m.na })}</p>
          {m.note ? <p className="mt-1 whitespace-pre-line text-sm">{m.note}</p> : null}
          {(() => {
            const rows = items.map((it) => ({ it, r: resultOf.get(`${m.id}:${it.id}`) })).filter((x) => x.r);
            const findings = rows.filter((x) => x.r!.outcome !== "pass");
            const passed = rows.filter((x) => x.r!.outcome === "pass");
            const row = ({ it, r }: (typeof rows)[number]) => (
              <li key={it.id} className={`flex items-start justify-between gap-3 py-2 text-sm ${r!.outcome === "fail" ? "-mx-2 rounded-md bg-red-50 px-2" : ""}`}>
                <span className="min-w-0">
                  <span className="font-semibold text-slate-500">{it.code}</span> {it.text}
                  {r!.note ? <span className="block text-slate-700">↳ {r!.note}</span> : null}
                  {/* The photos taken of this item of this member (quick mode and the photo form). */}
                  {photos.some((p) => p.membershipId === m.id && p.itemId === it.id) ? (
                    <span className="mt-1 flex flex-wrap gap-1.5">
                      {photos
                        .filter((p) => p.membershipId === m.id && p.itemId === it.id)
                        .map((p) => (
                          <a key={p.id} href={`/o/${slug}/inspections/photos/${p.id}`} target="_blank" rel="noreferrer">
                            <img
                              src={`/o/${slug}/inspections/photos/${p.id}`}
                              alt={fmt(ti.page.photoAlt, { name: `${m.name} · ${it.code}` })}
                              className="h-14 w-20 rounded border border-slate-200 bg-slate-100 object-cover"
                            />
                          </a>
                        ))}
                    </span>
                  ) : null}
                </span>
                <span className="shrink-0">
                  <OutcomeBadge outcome={r!.outcome} />
                </span>
              </li>
            );
            return (
              <>
                {findings.length ? <ul className="mt-2 divide-y divide-slate-100">{findings.map(row)}</ul> : null}
                {passed.length ? (
                  <details className="mt-2 text-sm" open={findings.length === 0 && rows.length <= 3}>
                    <summary className="cursor-pointer text-green-800">{fmt(ti.page.passedItems, { n: passed.length })}</summary>
                    <ul className="mt-1 divide-y divide-slate-100">{passed.map(row)}</ul>
                  </details>
                ) : null}
              </>
            );
          })()}
        </section>
      ))}
    </>
  );
}

function Photos() {
  const t = useT();
  const ti = t.inspections;
  const { photos, members, items, can, slug } = useLoaderData<typeof loader>();
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  return (
    <Section title={ti.page.photos}>
      {photos.length === 0 ? (
        <p className="text-sm text-slate-600">{ti.page.noPhotos}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-3">
          {photos.map((p) => {
            const caption = [p.membershipId ? nameOf.get(p.membershipId) : null, p.itemId ? codeOf.get(p.itemId) : null].filter(Boolean).join(" · ") || p.fileName;
            return (
              <li key={p.id} className="text-xs">
                <a href={`/o/${slug}/inspections/photos/${p.id}`} target="_blank" rel="noreferrer">
                  <img
                    src={`/o/${slug}/inspections/photos/${p.id}`}
                    alt={fmt(ti.page.photoAlt, { name: caption })}
                    className="aspect-[4/3] w-full rounded-md border border-slate-200 bg-slate-100 object-cover"
                  />
                </a>
                <span className="mt-1 block text-slate-600">{caption}</span>
                {can.edit ? (
                  <Form method="post">
                    <input type="hidden" name="photoId" value={p.id} />
                    <button name="intent" value="deletePhoto" className="text-red-700 underline">
                      {ti.page.deletePhoto}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {can.edit ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="mb-2 text-sm font-semibold">{ti.page.addPhoto}</h3>
          <ActionForm formKey="addPhoto" multipart formAction="?intent=addPhoto">
            {(fields) => (
              <>
                <input type="hidden" name="intent" value="addPhoto" />
                <InspField meta={fields.membershipId} label={ti.page.photoMember}>
                  <select {...getSelectProps(fields.membershipId)} className="input">
                    <option value="">{ti.page.photoPlace}</option>
                    {members.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </InspField>
                <InspField meta={fields.itemId} label={ti.page.photoItem}>
                  <select {...getSelectProps(fields.itemId)} className="input">
                    <option value="">{ti.page.photoAnyItem}</option>
                    {items.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.code} — {i.text.length > 60 ? `${i.text.slice(0, 60)}…` : i.text}
                      </option>
                    ))}
                  </select>
                </InspField>
                <div>
                  <label htmlFor="photo-file" className="label">
                    {ti.quickPage.photos}
                  </label>
                  <input
                    id="photo-file"
                    name="photos"
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    capture="environment"
                    multiple
                    required
                    aria-describedby="photo-hint"
                    className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
                  />
                  <p id="photo-hint" className="hint">
                    {ti.quickPage.photosHint}
                  </p>
                </div>
                <button type="submit" className="btn-secondary">
                  {ti.page.upload}
                </button>
              </>
            )}
          </ActionForm>
        </div>
      ) : null}
    </Section>
  );
}

function CorrectiveActions() {
  const t = useT();
  const ti = t.inspections;
  const ta = ti.actions;
  const { actions, results, items, members, can, defaultDue, today, inspection, me } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const itemOf = new Map(items.map((i) => [i.id, i]));
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const pendingResults = new Set(actions.filter((a) => PENDING_ACTION_STATUSES.includes(a.status)).map((a) => a.resultId));
  // Nobody raises a corrective action about themselves.
  const failed = results.filter((r) => r.outcome === "fail" && !pendingResults.has(r.id) && r.membershipId !== me);
  if (inspection.status !== "submitted") return null;
  return (
    <Section title={ta.title}>
      {actions.length === 0 ? <p className="text-sm text-slate-600">{ta.none}</p> : null}
      <ul className="space-y-3">
        {actions.map((a) => (
          <li key={a.id} id={`action-${a.id}`} className={`rounded-md border p-3 text-sm ${a.overdue ? "border-red-300 bg-red-50" : "border-slate-200"}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="min-w-0 font-medium">
                <span className="text-slate-500">{a.code}</span> {a.itemText}
              </p>
              <ActionBadges status={a.status} overdue={a.overdue} />
            </div>
            <p className="mt-1 text-slate-600">
              {a.memberName} · {fmt(ta.raisedOn, { date: formatDate(a.createdAt) })} ·{" "}
              <span className={a.overdue ? "font-semibold text-red-700" : undefined}>{fmt(ti.dueOn, { date: formatDate(a.dueDate) })}</span>
            </p>
            <p className="mt-1 whitespace-pre-line">{a.requirement}</p>
            {a.explanation ? (
              <div className="mt-2 rounded-md bg-slate-50 p-2">
                <p className="font-medium text-slate-700">{ta.explanation}</p>
                <p className="whitespace-pre-line">{a.explanation}</p>
                {a.explainedAt ? <p className="text-xs text-slate-500">{fmt(ta.explainedAt, { time: formatDateTime(a.explainedAt) })}</p> : null}
              </div>
            ) : null}
            {a.verifiedAt ? (
              <p className="mt-2 text-slate-700">
                {fmt(ta.verifiedBy, { name: a.verifierName ?? "—", time: formatDateTime(a.verifiedAt) })}
                {a.verificationNote ? <span className="block">↳ {a.verificationNote}</span> : null}
              </p>
            ) : null}
            {/* A form sent after the action was concluded meanwhile: say so where the form was. */}
            {a.canExplain ? null : <ReplyError error={replyFor(reply, `explain:${a.id}`)?.result?.error} />}
            {a.canVerify ? null : <ReplyError error={replyFor(reply, `verify:${a.id}`)?.result?.error} />}
            {a.canExplain ? (
              <div className="mt-3">
                <ActionForm formKey={`explain:${a.id}`}>
                  {(fields) => (
                    <>
                      <input type="hidden" name="actionId" value={a.id} />
                      <input type="hidden" name="version" value={a.version} />
                      <InspField meta={fields.explanation} label={ta.explanation} hint={ta.explainHint}>
                        <textarea {...getTextareaProps(fields.explanation)} defaultValue={a.explanation} rows={3} className="input" />
                      </InspField>
                      <button type="submit" name="intent" value="explain" className="btn-primary">
                        {a.explanation ? ta.explainAgain : ta.explain}
                      </button>
                    </>
                  )}
                </ActionForm>
              </div>
            ) : null}
            {a.canVerify ? (
              <div className="mt-3 border-t border-slate-100 pt-3">
                <ActionForm formKey={`verify:${a.id}`}>
                  {(fields) => (
                    <>
                      <input type="hidden" name="actionId" value={a.id} />
                      <input type="hidden" name="version" value={a.version} />
                      <InspField meta={fields.note} label={ta.verifyNote} optional>
                        <input {...getInputProps(fields.note, { type: "text" })} className="input" />
                      </InspField>
                      <div className="flex flex-wrap gap-2">
                        <button type="submit" name="intent" value="resolve" className="btn-primary">
                          {ta.resolve}
                        </button>
                        <button type="submit" name="intent" value="notResolved" className="btn-danger">
                          {ta.notResolved}
                        </button>
                      </div>
                    </>
                  )}
                </ActionForm>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {can.raise && failed.length === 0 ? <ReplyError error={replyFor(reply, "raiseAction")?.result?.error} /> : null}
      {can.raise && failed.length ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="text-sm font-semibold">{ta.raise}</h3>
          <p className="hint mb-2">{ta.raiseHint}</p>
          <ActionForm formKey="raiseAction">
            {(fields) => (
              <>
                <input type="hidden" name="intent" value="raiseAction" />
                <InspField meta={fields.resultId} label={ta.result}>
                  <select {...getSelectProps(fields.resultId)} className="input">
                    {failed.map((r) => (
                      <option key={r.id} value={r.id}>
                        {nameOf.get(r.membershipId)} — {itemOf.get(r.itemId)?.code} {itemOf.get(r.itemId)?.text.slice(0, 50)}
                      </option>
                    ))}
                  </select>
                </InspField>
                <InspField meta={fields.requirement} label={ta.requirement}>
                  <textarea
                    {...getTextareaProps(fields.requirement)}
                    defaultValue={fmt(ta.requirementDefault, { item: itemOf.get(failed[0]!.itemId)?.text.toLowerCase() ?? "" })}
                    rows={2}
                    className="input"
                  />
                </InspField>
                <InspField meta={fields.dueDate} label={ta.dueDate}>
                  <DateInput {...getInputProps(fields.dueDate, { type: "text" })} defaultValue={defaultDue} min={today} className="input max-w-48" />
                </InspField>
                <button type="submit" className="btn-primary">
                  {ta.raiseButton}
                </button>
              </>
            )}
          </ActionForm>
        </div>
      ) : null}
    </Section>
  );
}

function Addenda() {
  const t = useT();
  const ti = t.inspections;
  const { addenda, members, can, inspection } = useLoaderData<typeof loader>();
  const reply = replyFor(useActionData<typeof action>(), "addendum");
  // A refused addendum when the form is not offered (e.g. about oneself): say so here.
  const refused = can.amend ? undefined : reply?.result?.error;
  if (inspection.status !== "submitted" || (!can.amend && addenda.length === 0 && !refused)) return null;
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  return (
    <Section title={ti.page.addenda}>
      {addenda.length === 0 ? (
        <p className="text-sm text-slate-600">{ti.page.noAddenda}</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
          {addenda.map((a) => (
            <li key={a.id}>
              <p className="whitespace-pre-line">{a.text}</p>
              <p className="text-xs text-slate-500">
                {fmt(ti.page.addendumBy, { name: a.authorName, time: formatDateTime(a.createdAt) })}
                {a.membershipId ? ` · ${nameOf.get(a.membershipId) ?? ""}` : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
      {can.amend ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <p className="hint mb-2">{ti.page.addendumHint}</p>
          <ActionForm formKey="addendum">
            {(fields) => (
              <>
                <input type="hidden" name="intent" value="addendum" />
                <InspField meta={fields.text} label={ti.page.addendumText}>
                  <textarea {...getTextareaProps(fields.text)} rows={3} className="input" />
                </InspField>
                <InspField meta={fields.membershipId} label={ti.page.addendumAbout}>
                  <select {...getSelectProps(fields.membershipId)} className="input">
                    <option value="">{ti.page.addendumGeneral}</option>
                    {members.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </InspField>
                <button type="submit" className="btn-secondary">
                  {ti.page.addAddendum}
                </button>
              </>
            )}
          </ActionForm>
        </div>
      ) : (
        <ReplyError error={refused} />
      )}
    </Section>
  );
}

export default function InspectionPage() {
  const t = useT();
  const ti = t.inspections;
  const { inspection, head, members, everyone, can, slug } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p>
        <Link to={`/o/${slug}/inspections`}>← {ti.title}</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="page-title">{fmt(ti.page.title, { date: formatDate(inspection.inspected_at) })}</h1>
          <p className="mt-2 flex flex-wrap gap-1">
            <StatusBadge status={inspection.status} />
            <span className="badge">{ti.mode[inspection.mode]}</span>
          </p>
        </div>
        {everyone ? (
          <p className="flex flex-wrap gap-2">
            <Link to={`/o/${slug}/inspections/${inspection.id}/print`} className="btn-secondary">
              {ti.record.print}
            </Link>
            <a href={`/o/${slug}/inspections/${inspection.id}/download.docx`} className="btn-secondary" download>
              {ti.record.download}
            </a>
          </p>
        ) : null}
      </div>
      {inspection.status === "draft" ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{ti.page.draftHint}</p> : null}

      <section className="card">
        <h2 className="sr-only">{ti.title}</h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="font-medium text-slate-600">{ti.inspectedAt}</dt>
            <dd>{formatDateTime(inspection.inspected_at)}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">{inspection.counter ? ti.counter : ti.place}</dt>
            <dd>
              {inspection.counter || inspection.place}
              {inspection.counter && inspection.place ? <span className="block text-slate-600">{inspection.place}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">{ti.inspector}</dt>
            <dd>
              {head.inspectorName}
              <span className="block text-slate-600">{head.inspectorTitle}</span>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">{ti.page.template}</dt>
            <dd>{fmt(ti.page.templateVersion, { name: head.templateName, n: head.templateVersion })}</dd>
          </div>
          {everyone ? (
            <div className="sm:col-span-2">
              <dt className="font-medium text-slate-600">{ti.members}</dt>
              <dd className="mt-1 flex flex-wrap gap-1.5">
                {members.map((m) => (
                  <ScoreChip key={m.id} name={m.name} score={m.score} fail={m.fail} />
                ))}
              </dd>
            </div>
          ) : null}
          {inspection.submitted_at ? (
            <div>
              <dt className="font-medium text-slate-600">{ti.page.submittedLabel}</dt>
              <dd>{formatDateTime(inspection.submitted_at)}</dd>
            </div>
          ) : null}
          {inspection.note && everyone ? (
            <div className="sm:col-span-2 lg:col-span-3">
              <dt className="font-medium text-slate-600">{ti.page.generalNote}</dt>
              <dd className="whitespace-pre-line">{inspection.note}</dd>
            </div>
          ) : null}
        </dl>
        <p className="hint">{ti.scoreHint}</p>
      </section>

      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-4">
          <h2 className="text-lg font-semibold">{everyone ? ti.page.results : ti.page.yourResults}</h2>
          {can.edit ? <ResultsForm /> : <ResultsView />}
        </div>
        <div className="space-y-4">
          <CorrectiveActions />
          <Photos />
          <Addenda />
          {can.delete ? (
            <Form method="post" className="card space-y-3">
              <input type="hidden" name="version" value={inspection.version} />
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="confirm" value="on" required className="mt-0.5 h-4 w-4" />
                <span>{ti.page.deleteDraftConfirm}</span>
              </label>
              <button name="intent" value="deleteDraft" className="btn-danger w-full">
                {ti.page.deleteDraft}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </div>
  );
}
