import { getFormProps, getInputProps, getTextareaProps, useForm } from "~/utils/form-fields";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors } from "~/components/Field";
import { ProgressBar, TaskBadges } from "~/components/TaskBadges";
import { errorText, fmt, num, useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { filesOf, withUploads } from "~/modules/files/files.server";
import { taskHeadline, taskPage } from "~/modules/tasks/queries.server";
import { allowed, basisText, deadlineState, isLateExtension, type TaskAction } from "~/modules/tasks/rules";
import {
  cancelSchema,
  commentSchema,
  decisionSchema,
  extensionDecisionSchema,
  extensionRequestSchema,
  TASK_FILE_LIMITS,
  TASK_FILES,
  progressSchema,
  submitSchema,
} from "~/modules/tasks/schema";
import {
  addComment,
  addProgress,
  cancelTask,
  decideExtension,
  decideSubmission,
  loadTask,
  requestExtension,
  submitTask,
  viewerOf,
} from "~/modules/tasks/tasks.server";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { firstError } from "~/utils/reply";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { formatDateTime, formatDeadline } from "~/utils/time";
import { metaMessages } from "~/i18n/meta";
import { DateInput } from "~/components/DateInput";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  return [{ title: `${data?.task.title ?? t.tasks.title} — ${t.app.name}` }];
};

const ACTIONS: TaskAction[] = ["edit", "progress", "submit", "approve", "return", "cancel", "requestExtension", "decideExtension", "comment"];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const viewer = viewerOf(ctxOf(member, context), member.roles);
  const { task, relation } = await loadTask(context.db, viewer, params.taskId!);
  const page = await taskPage(context.db, member.org.id, task.id);
  const can = Object.fromEntries(ACTIONS.map((a) => [a, allowed(a, task.status, relation)])) as Record<TaskAction, boolean>;
  const state = deadlineState({ status: task.status, deadlineAt: task.deadline_at, missedDeadlineAt: task.missed_deadline_at, submittedAt: task.submitted_at }, context.now());
  return { ...page, can, slug: member.org.slug, state, overdue: state === "overdue" };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const ctx = ctxOf(member, context);
  const viewer = viewerOf(ctx, member.roles);
  const taskId = params.taskId!;
  const db = context.db;
  const formData = await readForm(request, { files: { ...TASK_FILES, context } });
  const intent = String(formData.get("intent") ?? "");
  const opts = { intent };
  // Says what happened to this task, with its title, people and deadline as they are now.
  const ok = async (key: NoticeKey, values: (h: Awaited<ReturnType<typeof taskHeadline>>) => NoticeValues = () => ({})) =>
    succeeded(request, context, key, values(await taskHeadline(db, ctx.orgId, taskId)));
  const deadline = (h: { deadlineDate: string | null; deadlineTime: string | null }) => ({ date: formatDeadline(h.deadlineDate, h.deadlineTime) });
  switch (intent) {
    case "progress":
      return handleForm(formData, progressSchema, async (v) => (await addProgress(db, ctx, viewer, taskId, v), ok("progressUpdated", () => ({ n: v.percent }))), opts);
    case "submit":
      return handleForm(
        formData,
        submitSchema,
        async (v) => {
          await withUploads(context.files, ctx.orgId, filesOf(formData, "files"), TASK_FILE_LIMITS, (files) => submitTask(db, ctx, viewer, taskId, v, files));
          return ok("resultSubmitted", (h) => ({ name: h.approverName ?? "" }));
        },
        opts,
      );
    case "approve":
    case "return":
      return handleForm(
        formData,
        decisionSchema,
        async (v) => (await decideSubmission(db, ctx, viewer, taskId, v), ok(v.intent === "approve" ? "resultAccepted" : "resultReturned", (h) => ({ name: h.assigneeName ?? "" }))),
        opts,
      );
    case "cancel":
      return handleForm(formData, cancelSchema, async (v) => (await cancelTask(db, ctx, viewer, taskId, v), ok("taskCancelled", (h) => ({ title: h.title }))), opts);
    case "requestExtension":
      return handleForm(
        formData,
        extensionRequestSchema,
        async (v) => (await requestExtension(db, ctx, viewer, taskId, v), ok("extensionRequested", () => ({ date: formatDeadline(v.requestedDate, v.requestedTime ?? null) }))),
        opts,
      );
    case "grantExtension":
    case "refuseExtension":
      return handleForm(
        formData,
        extensionDecisionSchema,
        async (v) => (await decideExtension(db, ctx, viewer, taskId, v), ok(v.intent === "grantExtension" ? "extensionGranted" : "extensionRefused", deadline)),
        opts,
      );
    case "comment":
      return handleForm(formData, commentSchema, async (v) => (await addComment(db, ctx, viewer, taskId, v.note), ok("commentAdded")), opts);
    default:
      badRequest();
  }
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card">
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** One small form of the task page; its errors show only when it was the one submitted. */
function ActionForm({
  intents,
  version,
  children,
  multipart,
}: {
  intents: string[];
  version: number;
  multipart?: boolean;
  children: (fields: ReturnType<typeof useForm<Record<string, string>>>[1], invalid: boolean) => ReactNode;
}) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent && intents.includes(actionData.intent) ? actionData : undefined;
  const [form, fields] = useForm<Record<string, string>>({
    id: `task-${intents[0]}`,
    lastResult: mine?.result,
    shouldRevalidate: "onSubmit",
  });
  const t = useT();
  const stale = mine?.result?.error?.version?.[0];
  return (
    <Form method="post" {...getFormProps(form)} encType={multipart ? "multipart/form-data" : undefined} className="space-y-3">
      <input type="hidden" name="version" value={version} />
      {stale ? (
        <p className="alert" role="alert">
          {errorText(t, stale)}
        </p>
      ) : (
        <FormErrors invalid={mine?.result?.status === "error"} />
      )}
      {children(fields, mine?.result?.status === "error")}
    </Form>
  );
}

export default function TaskPage() {
  const t = useT();
  const tt = t.tasks;
  const { task, members, events, submissions, extensions, attachments, can, slug, overdue, state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/o/${slug}/tasks`;
  const pendingExt = extensions.find((e) => e.status === "pending");
  const lateOf = (e: (typeof extensions)[number]) => isLateExtension(e.created_at, { date: e.from_deadline_date, time: e.from_deadline_time });
  // The deadline missed before a late extension, as it was written (the earliest granted late one).
  const missedText = (at: string) => {
    const e = [...extensions].reverse().find((x) => x.status === "granted" && lateOf(x));
    return e ? formatDeadline(e.from_deadline_date, e.from_deadline_time) : formatDateTime(at);
  };
  const extended = task.original_deadline_date !== null && (task.original_deadline_date !== task.deadline_date || task.original_deadline_time !== task.deadline_time);
  const eventText = (e: (typeof events)[number]) => {
    const d = JSON.parse(e.data) as { date?: string; time?: string | null };
    const text = tt.events[e.kind];
    return fmt(text, { n: e.progress ?? 0, date: d.date ? formatDeadline(d.date, d.time ?? null) : "" });
  };
  const coworkers = members.filter((m) => m.role === "coworker");
  const followers = members.filter((m) => m.role === "follower");
  // A decision refused after its form went away (e.g. decided meanwhile by someone else): say so on top.
  const intent = actionData?.intent ?? "";
  const formGone =
    (["approve", "return"].includes(intent) && !can.approve) || (["grantExtension", "refuseExtension"].includes(intent) && !(pendingExt && can.decideExtension));
  const goneError = formGone ? firstError(actionData) : undefined;
  const fileLink = (a: (typeof attachments)[number]) => (
    <li key={a.id}>
      <a href={`/o/${slug}/files/${a.id}`}>{a.fileName}</a> <span className="text-xs text-slate-500">({num(t, Math.max(1, a.size / 1024), { maxDecimals: 0 })} KB)</span>
    </li>
  );

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p>
        <Link to={base}>← {tt.title}</Link>
      </p>
      {goneError ? (
        <p className="alert" role="alert">
          {errorText(t, goneError)}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="page-title">{task.title}</h1>
          <p className="mt-2">
            <TaskBadges
              status={task.status}
              timeliness={task.timeliness}
              state={state}
              extended={extended}
              lateExtension={task.missed_deadline_at !== null}
              recurring={Boolean(task.series_id)}
            />
          </p>
        </div>
        {can.edit ? (
          <Link to={`${base}/${task.id}/edit`} className="btn-secondary">
            {tt.actions.edit}
          </Link>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          <section className="card">
            <h2 className="sr-only">{tt.six.heading}</h2>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="font-medium text-slate-600">{tt.six.nguoi}</dt>
                <dd>
                  <span className="font-medium">{task.assigneeName ?? "—"}</span> <span className="text-slate-500">({tt.fields.assignee.toLowerCase()})</span>
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{tt.six.trachNhiem}</dt>
                <dd>
                  {tt.assignedBy}: {task.assignerName}
                  {coworkers.length ? <span className="block">{tt.roleLabels.coworker}: {coworkers.map((m) => m.name).join(", ")}</span> : null}
                  {followers.length ? <span className="block">{tt.roleLabels.follower}: {followers.map((m) => m.name).join(", ")}</span> : null}
                </dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="font-medium text-slate-600">{tt.six.viec}</dt>
                <dd className="whitespace-pre-line">{task.description || "—"}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{tt.six.thoiGian}</dt>
                <dd>
                  {task.start_date ? `${tt.fields.startDate}: ${formatDeadline(task.start_date, null)}` : null}
                  <span className={`block ${overdue ? "font-semibold text-red-700" : ""}`}>
                    {extended ? tt.currentDeadline : tt.deadline}: {task.deadline_date ? formatDeadline(task.deadline_date, task.deadline_time) : tt.noDeadline}
                  </span>
                  {extended ? (
                    <span className="block text-slate-600">
                      {tt.originalDeadline}: {formatDeadline(task.original_deadline_date, task.original_deadline_time)}
                    </span>
                  ) : null}
                  {task.missed_deadline_at ? (
                    <span className="block font-medium text-red-700">{fmt(tt.missedDeadline, { date: missedText(task.missed_deadline_at) })}</span>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{tt.six.sanPham}</dt>
                <dd className="whitespace-pre-line">{task.deliverable || "—"}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{tt.six.thamQuyen}</dt>
                <dd>
                  {tt.fields.approver}: {task.approverName ?? "—"}
                  {task.source_kind ? (
                    <span className="block">{basisText(tt.source[task.source_kind], task.source_ref)}</span>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{tt.progress}</dt>
                <dd className="mt-1">
                  <ProgressBar value={task.progress} label={tt.progress} />
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{tt.fields.priority}</dt>
                <dd>{tt.priority[task.priority]}</dd>
              </div>
              {task.planTitle ? (
                <div>
                  <dt className="font-medium text-slate-600">{tt.fields.plan}</dt>
                  <dd>
                    {task.planTitle}
                    {task.planItemTitle && task.planItemKind ? (
                      <span className="block text-slate-600">
                        {tt.planKind[task.planItemKind]}: {task.planItemTitle}
                      </span>
                    ) : null}
                  </dd>
                </div>
              ) : null}
              {task.frequency ? (
                <div>
                  <dt className="font-medium text-slate-600">{tt.fields.recurrence}</dt>
                  <dd>
                    {tt.frequency[task.frequency]}
                    {task.occurrence_key ? ` · ${tt.period} ${task.occurrence_key}` : ""}
                  </dd>
                </div>
              ) : null}
              {task.completed_at ? (
                <div>
                  <dt className="font-medium text-slate-600">{tt.completedAt}</dt>
                  <dd>
                    {formatDateTime(task.completed_at)}
                    {extended && task.timeliness_original ? (
                      <span className="block text-slate-600">
                        {tt.againstOriginal}: {tt.timeliness[task.timeliness_original]}
                      </span>
                    ) : null}
                  </dd>
                </div>
              ) : null}
              {task.return_count > 0 ? (
                <div>
                  <dt className="font-medium text-slate-600">{tt.returns}</dt>
                  <dd>{task.return_count}</dd>
                </div>
              ) : null}
              {task.cancel_reason ? (
                <div className="sm:col-span-2">
                  <dt className="font-medium text-slate-600">{tt.cancelReason}</dt>
                  <dd>{task.cancel_reason}</dd>
                </div>
              ) : null}
            </dl>
            {attachments.some((a) => !a.submissionId) ? (
              <div className="mt-4 border-t border-slate-100 pt-3 text-sm">
                <h3 className="font-medium text-slate-600">{tt.attachments}</h3>
                <ul className="mt-1 space-y-1">{attachments.filter((a) => !a.submissionId).map(fileLink)}</ul>
              </div>
            ) : null}
          </section>

          {submissions.length ? (
            <Section title={tt.submissions}>
              <ul className="space-y-3 text-sm">
                {submissions.map((s) => (
                  <li key={s.id} className="rounded-md border border-slate-200 p-3">
                    <p className="flex flex-wrap justify-between gap-2 text-slate-600">
                      <span>{formatDateTime(s.submitted_at)}</span>
                      <span className="badge">{tt.submissionDecision[s.decision ?? "pending"]}</span>
                    </p>
                    <p className="mt-1 whitespace-pre-line">{s.text}</p>
                    {s.decision_note ? <p className="mt-1 text-slate-600">↳ {s.decision_note}</p> : null}
                    {attachments.some((a) => a.submissionId === s.id) ? (
                      <ul className="mt-1 space-y-1">{attachments.filter((a) => a.submissionId === s.id).map(fileLink)}</ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}

          <Section title={tt.timeline}>
            <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
              {events.map((e) => (
                <li key={e.id}>
                  <p>
                    <span className="font-medium">{e.actorName ?? "—"}</span> {eventText(e)}
                    <span className="block text-xs text-slate-500">{formatDateTime(e.createdAt)}</span>
                  </p>
                  {e.note ? <p className="mt-1 whitespace-pre-line text-slate-700">{e.note}</p> : null}
                </li>
              ))}
            </ol>
          </Section>
        </div>

        <div className="space-y-4">
          {can.approve ? (
            <Section title={tt.actions.decide}>
              <ActionForm intents={["approve", "return"]} version={task.version}>
                {(fields) => (
                  <>
                    <Field meta={fields.note} label={tt.actions.decisionNote} optional>
                      <textarea {...getTextareaProps(fields.note)} rows={3} className="input" />
                    </Field>
                    <div className="flex flex-wrap gap-2">
                      <button type="submit" name="intent" value="approve" className="btn-primary">
                        {tt.actions.approve}
                      </button>
                      <button type="submit" name="intent" value="return" className="btn-danger">
                        {tt.actions.return}
                      </button>
                    </div>
                  </>
                )}
              </ActionForm>
            </Section>
          ) : null}

          {pendingExt ? (
            <Section title={tt.extensions}>
              <p className="text-sm">
                {fmt(tt.actions.pendingExtension, { date: formatDeadline(pendingExt.requested_date, pendingExt.requested_time), reason: pendingExt.reason })}
                {lateOf(pendingExt) ? (
                  <span className="ml-1 font-medium text-red-700">{`(${tt.lateRequest})`}</span>
                ) : null}
              </p>
              {can.decideExtension ? (
                <ActionForm intents={["grantExtension", "refuseExtension"]} version={task.version}>
                  {(fields) => (
                    <>
                      <input type="hidden" name="extensionId" value={pendingExt.id} />
                      <Field meta={fields.note} label={tt.actions.note} optional>
                        <input {...getInputProps(fields.note, { type: "text" })} className="input" />
                      </Field>
                      <div className="flex flex-wrap gap-2">
                        <button type="submit" name="intent" value="grantExtension" className="btn-primary">
                          {tt.actions.grant}
                        </button>
                        <button type="submit" name="intent" value="refuseExtension" className="btn-secondary">
                          {tt.actions.refuse}
                        </button>
                      </div>
                    </>
                  )}
                </ActionForm>
              ) : null}
            </Section>
          ) : null}

          {can.progress ? (
            <Section title={tt.actions.progress}>
              <ActionForm intents={["progress"]} version={task.version}>
                {(fields) => (
                  <>
                    <input type="hidden" name="intent" value="progress" />
                    <Field meta={fields.percent} label={tt.actions.percent}>
                      <input {...getInputProps(fields.percent, { type: "number" })} min={0} max={100} step={5} defaultValue={task.progress} className="input max-w-32" />
                    </Field>
                    <Field meta={fields.note} label={tt.actions.note} optional>
                      <textarea {...getTextareaProps(fields.note)} rows={2} className="input" />
                    </Field>
                    <button type="submit" className="btn-primary">
                      {tt.actions.saveProgress}
                    </button>
                  </>
                )}
              </ActionForm>
            </Section>
          ) : null}

          {can.submit ? (
            <Section title={tt.actions.submit}>
              <ActionForm intents={["submit"]} version={task.version} multipart>
                {(fields) => (
                  <>
                    <input type="hidden" name="intent" value="submit" />
                    <Field meta={fields.text} label={tt.actions.submitText}>
                      <textarea {...getTextareaProps(fields.text)} rows={3} className="input" />
                    </Field>
                    <div>
                      <label htmlFor="submit-files" className="label">
                        {tt.fields.files} <span className="font-normal text-slate-500">({t.common.optional})</span>
                      </label>
                      <input id="submit-files" name="files" type="file" multiple className="mt-1 block w-full text-sm" />
                      {fields.files?.errors ? <p className="field-error">{errorText(t, fields.files.errors[0])}</p> : null}
                    </div>
                    <button type="submit" className="btn-primary">
                      {tt.actions.submitButton}
                    </button>
                  </>
                )}
              </ActionForm>
            </Section>
          ) : null}

          {can.requestExtension && !pendingExt ? (
            <Section title={tt.actions.extension}>
              <ActionForm intents={["requestExtension"]} version={task.version}>
                {(fields) => (
                  <>
                    <input type="hidden" name="intent" value="requestExtension" />
                    <div className="grid grid-cols-2 gap-2">
                      <Field meta={fields.requestedDate} label={tt.actions.requestedDate}>
                        <DateInput {...getInputProps(fields.requestedDate, { type: "text" })} className="input" />
                      </Field>
                      <Field meta={fields.requestedTime} label={tt.actions.requestedTime}>
                        <input {...getInputProps(fields.requestedTime, { type: "time" })} className="input" />
                      </Field>
                    </div>
                    <Field meta={fields.reason} label={tt.actions.reason}>
                      <textarea {...getTextareaProps(fields.reason)} rows={2} className="input" />
                    </Field>
                    <button type="submit" className="btn-secondary">
                      {tt.actions.requestExtension}
                    </button>
                  </>
                )}
              </ActionForm>
            </Section>
          ) : null}

          {can.comment ? (
            <Section title={tt.actions.comment}>
              <ActionForm intents={["comment"]} version={task.version}>
                {(fields) => (
                  <>
                    <input type="hidden" name="intent" value="comment" />
                    <Field meta={fields.note} label={tt.actions.note}>
                      <textarea {...getTextareaProps(fields.note)} rows={2} className="input" />
                    </Field>
                    <button type="submit" className="btn-secondary">
                      {tt.actions.commentButton}
                    </button>
                  </>
                )}
              </ActionForm>
            </Section>
          ) : null}

          {can.cancel ? (
            <Section title={tt.actions.cancel}>
              <ActionForm intents={["cancel"]} version={task.version}>
                {(fields) => (
                  <>
                    <input type="hidden" name="intent" value="cancel" />
                    <Field meta={fields.reason} label={tt.actions.cancelReason}>
                      <input {...getInputProps(fields.reason, { type: "text" })} className="input" />
                    </Field>
                    <div>
                      <label className="flex items-start gap-2 text-sm">
                        <input type="checkbox" name="confirm" value="on" required className="mt-0.5 h-4 w-4" aria-invalid={fields.confirm.errors ? true : undefined} />
                        <span>{tt.actions.cancelConfirm}</span>
                      </label>
                      {fields.confirm.errors ? (
                        <p className="field-error" role="alert">
                          {errorText(t, fields.confirm.errors[0])}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" className="btn-danger">
                      {tt.actions.cancelButton}
                    </button>
                  </>
                )}
              </ActionForm>
            </Section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
