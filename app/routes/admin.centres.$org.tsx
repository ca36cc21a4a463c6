import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ConsoleFrame } from "~/components/console/ConsoleFrame";
import { Field } from "~/components/Field";
import { errorText, fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { operatorLog } from "~/modules/audit/audit.server";
import { requireOperator } from "~/modules/auth/guard.server";
import { centreIdBySlug } from "~/modules/org/centre.server";
import {
  cancelCentreDeletion,
  cancelCentreDeletionSchema,
  centreStatus,
  GRACE_DAYS,
  resumeCentre,
  resumeCentreSchema,
  scheduleCentreDeletion,
  scheduleCentreDeletionSchema,
  suspendCentre,
  suspendCentreSchema,
} from "~/modules/org/lifecycle.server";
import { badRequest, notFound } from "~/utils/errors";
import { getFormProps, getInputProps, useForm } from "~/utils/form-fields";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { formatDate, formatDateTime } from "~/utils/time";
import { withoutTenant, withTenant } from "../../db/tenant";

export const meta = titled((t) => t.console.title);

/** The centre named by the URL, for an operator: its id, or 404. */
async function centreOf(context: LoaderFunctionArgs["context"], slug: string | undefined): Promise<string> {
  if (!slug) notFound();
  const orgId = await withoutTenant("the operator console finds a centre by its slug", () => centreIdBySlug(context.db, slug));
  if (!orgId) notFound();
  return orgId;
}

/**
 * One centre in the operator console (docs/decisions/0043, 0044): its status and the lifecycle
 * decisions — suspend, resume, schedule and cancel the deletion — with the operator's log. No
 * content of the centre: its status, dates and the operator's own actions only.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireOperator(request, context);
  const orgId = await centreOf(context, params.org);
  const [state, log] = await withTenant(orgId, () => Promise.all([centreStatus(context.db, { orgId, now: context.now() }), operatorLog(context.db, orgId, 50)]));
  if (!state) notFound();
  return { userName: auth.user.full_name, state, log, grace: GRACE_DAYS };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireOperator(request, context);
  const orgId = await centreOf(context, params.org);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const who = { orgId, actorUserId: auth.user.id, now: context.now() };
  const inCentre = <T,>(fn: () => Promise<T>) => withTenant(orgId, fn);
  switch (intent) {
    case "suspend":
      return handleForm(
        formData,
        suspendCentreSchema,
        async ({ reason }) => {
          const s = await inCentre(() => suspendCentre(context.db, { ...who, reason }));
          return succeeded(request, context, "centreSuspended", { name: s.name });
        },
        { intent },
      );
    case "resume":
      return handleForm(
        formData,
        resumeCentreSchema,
        async () => {
          const s = await inCentre(() => resumeCentre(context.db, who));
          return succeeded(request, context, "centreResumed", { name: s.name });
        },
        { intent },
      );
    case "scheduleDeletion":
      return handleForm(
        formData,
        scheduleCentreDeletionSchema,
        async ({ graceDays, reason }) => {
          const s = await inCentre(() => scheduleCentreDeletion(context.db, { ...who, graceDays, reason }));
          return succeeded(request, context, "centreDeletionScheduled", { name: s.name, date: formatDate(s.deletionDueAt ?? context.now()) });
        },
        { intent },
      );
    case "cancelDeletion":
      return handleForm(
        formData,
        cancelCentreDeletionSchema,
        async () => {
          const s = await inCentre(() => cancelCentreDeletion(context.db, who));
          return succeeded(request, context, "centreDeletionCancelled", { name: s.name });
        },
        { intent },
      );
    default:
      badRequest();
  }
}

/** A decision that is only a button (resume, cancel the deletion); `children` is its hidden intent. */
function DecisionCard({ id, title, label, button, children }: { id: string; title: string; label: string; button: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      <Form method="post" className="mt-3">
        {children}
        <button type="submit" className={button}>
          {label}
        </button>
      </Form>
    </section>
  );
}

export default function ConsoleCentre() {
  const t = useT();
  const tc = t.console;
  const tl = tc.centre;
  const { userName, state, log, grace } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const resultOf = (intent: string) => (reply && "intent" in reply && reply.intent === intent ? reply.result : undefined);
  // A refusal that belongs to no field of its form ("the deletion has started") is shown above the forms.
  const refusals: string[] = reply && "result" in reply ? ((reply.result?.error?.orgId ?? []) as unknown[]).filter((k): k is string => typeof k === "string") : [];
  const [suspendForm, suspendFields] = useForm<{ reason: string }>({ id: "suspend", lastResult: resultOf("suspend") });
  const [deleteForm, deleteFields] = useForm<{ graceDays: string; reason: string }>({
    id: "schedule-deletion",
    lastResult: resultOf("scheduleDeletion"),
    defaultValue: { graceDays: String(grace.default) },
  });
  const suspended = state.status === "suspended";
  return (
    <ConsoleFrame userName={userName}>
      <p>
        <Link to="/admin">{tc.back}</Link>
      </p>
      <div>
        <h1 className="page-title">{state.name}</h1>
        <p className="mt-1 font-mono text-sm text-slate-600">{state.slug}</p>
        <p className="mt-2 max-w-2xl text-slate-700">{tl.intro}</p>
      </div>

      <section className="card space-y-1" aria-labelledby="centre-status" data-testid="centre-status">
        <h2 id="centre-status" className="font-semibold">
          {tc.status}
        </h2>
        {suspended ? (
          <p>
            <span className="badge bg-amber-100 text-amber-900">{tc.statusSuspended}</span> {fmt(tl.suspendedSince, { date: formatDate(state.suspendedAt ?? ""), reason: state.suspensionReason ?? "—" })}
          </p>
        ) : (
          <p>
            <span className="badge bg-green-100 text-green-900">{tc.statusActive}</span> {tl.active}
          </p>
        )}
        {state.deletionDueAt ? <p className="font-medium text-red-800">{fmt(tl.deletionDue, { date: formatDate(state.deletionDueAt) })}</p> : null}
      </section>

      {refusals.length > 0 ? (
        <div className="alert" role="alert">
          {refusals.map((k) => (
            <p key={k}>{errorText(t, k)}</p>
          ))}
        </div>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        {!suspended ? (
          <section className="card" aria-labelledby="suspend-title">
            <h2 id="suspend-title" className="font-semibold">
              {tl.suspendTitle}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{tl.suspendIntro}</p>
            <Form method="post" {...getFormProps(suspendForm)} className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="suspend" />
              <Field meta={suspendFields.reason} label={tl.reason}>
                <input {...getInputProps(suspendFields.reason, { type: "text" })} className="input" maxLength={500} required />
              </Field>
              <button type="submit" className="btn-primary">
                {tl.suspend}
              </button>
            </Form>
          </section>
        ) : !state.deletionDueAt ? (
          <DecisionCard id="resume" title={tl.resumeTitle} label={tl.resume} button="btn-primary">
            <input type="hidden" name="intent" value="resume" />
          </DecisionCard>
        ) : null}

        {state.deletionDueAt ? (
          <DecisionCard id="cancel" title={tl.cancelTitle} label={tl.cancel} button="btn-secondary">
            <input type="hidden" name="intent" value="cancelDeletion" />
          </DecisionCard>
        ) : (
          <section className="card" aria-labelledby="deletion-title">
            <h2 id="deletion-title" className="font-semibold">
              {tl.deletionTitle}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{tl.deletionIntro}</p>
            <Form method="post" {...getFormProps(deleteForm)} className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="scheduleDeletion" />
              <Field meta={deleteFields.graceDays} label={tl.graceDays}>
                <input {...getInputProps(deleteFields.graceDays, { type: "number" })} className="input w-32" min={grace.min} max={grace.max} step={1} required />
              </Field>
              <Field meta={deleteFields.reason} label={tl.deletionReason} optional>
                <input {...getInputProps(deleteFields.reason, { type: "text" })} className="input" maxLength={500} />
              </Field>
              <button type="submit" className="btn-danger">
                {tl.schedule}
              </button>
            </Form>
          </section>
        )}
      </div>

      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title" className="font-semibold">
          {tl.exportTitle}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{fmt(tl.exportIntro, { path: `/o/${state.slug}/settings/export` })}</p>
      </section>

      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title" className="font-semibold">
          {tl.log}
        </h2>
        {log.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{tl.noLog}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="operator-log">
            {log.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{t.lifecycle.actions[e.action]}</span>
                  {e.reason ? <span className="block text-slate-600">{fmt(t.lifecycle.reason, { reason: e.reason })}</span> : null}
                </span>
                <span className="text-slate-500">
                  {formatDateTime(e.createdAt)} · {t.lifecycle.via[e.via]}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </ConsoleFrame>
  );
}
