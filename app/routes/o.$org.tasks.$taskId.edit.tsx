import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TaskForm } from "~/components/TaskForm";
import { useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { filesOf, withUploads } from "~/modules/files/files.server";
import { taskFormOptions, taskHeadline } from "~/modules/tasks/queries.server";
import { allowed } from "~/modules/tasks/rules";
import { TASK_FILE_LIMITS, TASK_FILES, taskFormSchema } from "~/modules/tasks/schema";
import { loadTask, updateTask, viewerOf } from "~/modules/tasks/tasks.server";
import { forbidden } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { titled } from "~/i18n/meta";

export const meta = titled((t) => t.tasks.editTitle);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const viewer = viewerOf(ctxOf(member, context), member.roles);
  const { task, relation } = await loadTask(context.db, viewer, params.taskId!);
  if (!allowed("edit", task.status, relation)) forbidden();
  const [options, people] = await Promise.all([
    taskFormOptions(context.db, member.org.id),
    context.db.selectFrom("task_members").select(["membership_id", "role"]).where("task_id", "=", task.id).where("org_id", "=", member.org.id).execute(),
  ]);
  return { task, options, people, slug: member.org.slug };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const ctx = ctxOf(member, context);
  const viewer = viewerOf(ctx, member.roles);
  const formData = await readForm(request, { files: { ...TASK_FILES, context } });
  // "Giao việc" on a draft assigns it; "Lưu thay đổi" on an assigned task (the same intent) only saves.
  const wasDraft = (await loadTask(context.db, viewer, params.taskId!)).task.status === "draft";
  return handleForm(formData, taskFormSchema, async (input) => {
    await withUploads(context.config.filesDir, member.org.id, filesOf(formData, "files"), TASK_FILE_LIMITS, (files) =>
      updateTask(context.db, ctx, viewer, params.taskId!, input, files),
    );
    const h = await taskHeadline(context.db, member.org.id, params.taskId!);
    const to = `/o/${member.org.slug}/tasks/${params.taskId}`;
    return input.intent === "assign" && wasDraft
      ? succeeded(request, context, "taskAssigned", { title: h.title, name: h.assigneeName ?? "" }, to)
      : succeeded(request, context, "taskUpdated", { title: h.title }, to);
  });
}

export default function EditTask() {
  const t = useT();
  const { task, options, people, slug } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="page-title">{t.tasks.editTitle}</h1>
      <TaskForm
        mode={task.status === "draft" ? "editDraft" : "editAssigned"}
        options={options}
        assignerId={task.assigner_id}
        lastResult={actionData?.result}
        cancelTo={`/o/${slug}/tasks/${task.id}`}
        defaultValue={{
          title: task.title,
          description: task.description,
          assigneeId: task.assignee_id ?? "",
          coworkerIds: people.filter((p) => p.role === "coworker").map((p) => p.membership_id),
          followerIds: people.filter((p) => p.role === "follower").map((p) => p.membership_id),
          approverId: task.approver_id ?? "",
          sourceKind: task.source_kind ?? "",
          sourceRef: task.source_ref,
          startDate: task.start_date ?? "",
          deadlineDate: task.deadline_date ?? "",
          deadlineTime: task.deadline_time ?? "",
          deliverable: task.deliverable,
          priority: task.priority,
          planId: task.plan_id ?? "",
          planItemId: task.plan_item_id ?? "",
          recurrence: "none",
          version: String(task.version),
        }}
      />
    </div>
  );
}
