import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TaskForm } from "~/components/TaskForm";
import { useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { filesOf, withUploads } from "~/modules/files/files.server";
import { taskFormOptions, taskHeadline } from "~/modules/tasks/queries.server";
import { vnDateOf } from "~/utils/dates";
import { TASK_FILE_LIMITS, TASK_FILES, taskFormSchema } from "~/modules/tasks/schema";
import { createTask } from "~/modules/tasks/tasks.server";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { titled } from "~/i18n/meta";

export const meta = titled((t) => t.tasks.new);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.create");
  return {
    options: await taskFormOptions(context.db, member.org.id),
    slug: member.org.slug,
    me: member.membershipId,
    today: vnDateOf(context.now()),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.create");
  const formData = await readForm(request, { files: { ...TASK_FILES, context } });
  return handleForm(formData, taskFormSchema, async (input) => {
    const id = await withUploads(context.files, member.org.id, filesOf(formData, "files"), TASK_FILE_LIMITS, (files) =>
      createTask(context.db, ctxOf(member, context), input, files),
    );
    const h = await taskHeadline(context.db, member.org.id, id);
    return input.intent === "assign"
      ? succeeded(request, context, "taskAssigned", { title: h.title, name: h.assigneeName ?? "" }, `/o/${member.org.slug}/tasks/${id}`)
      : succeeded(request, context, "taskDraftSaved", { title: h.title }, `/o/${member.org.slug}/tasks/${id}`);
  });
}

export default function NewTask() {
  const t = useT();
  const { options, slug, me, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="page-title">{t.tasks.new}</h1>
      <TaskForm
        mode="create"
        options={options}
        assignerId={me}
        lastResult={actionData?.result}
        cancelTo={`/o/${slug}/tasks`}
        defaultValue={{
          title: "",
          description: "",
          assigneeId: "",
          coworkerIds: [],
          followerIds: [],
          approverId: me,
          sourceKind: "",
          sourceRef: "",
          startDate: today,
          deadlineDate: "",
          deadlineTime: "",
          deliverable: "",
          priority: "normal",
          planId: "",
          planItemId: "",
          recurrence: "none",
        }}
      />
    </div>
  );
}
