import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MemberForm } from "~/components/MemberForm";
import { useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { createMember, listPositions } from "~/modules/org/org.server";
import { createMemberSchema } from "~/modules/org/schema";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.manage");
  return { positions: await listPositions(context.db, member.org.id), slug: member.org.slug };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.manage");
  return handleForm(await readForm(request), createMemberSchema, async (input) => {
    await createMember(context.db, ctxOf(member, context), input);
    return succeeded(request, context, "memberCreated", { name: input.fullName, username: input.username }, `/o/${member.org.slug}/staff`);
  });
}

export default function NewMember() {
  const t = useT();
  const { positions, slug } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="page-title">{t.staff.new}</h1>
      <MemberForm
        mode="create"
        positions={positions}
        lastResult={actionData?.result}
        defaultValue={{ fullName: "", username: "", title: "", positionId: "", roles: ["staff"], phone: "", email: "" }}
        cancelTo={`/o/${slug}/staff`}
      />
    </div>
  );
}
