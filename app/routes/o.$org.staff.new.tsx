import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MemberForm } from "~/components/MemberForm";
import { useT } from "~/i18n";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { invitationPath } from "~/modules/auth/invitations.server";
import { can } from "~/modules/auth/permissions";
import { createMember, listPositions } from "~/modules/org/org.server";
import { createMemberSchema } from "~/modules/org/schema";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.manage");
  return { positions: await listPositions(context.db, member.org.id), slug: member.org.slug, canInvite: can(member.roles, "staff.invite") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.manage");
  return handleForm(await readForm(request), createMemberSchema, async (input) => {
    if (input.access === "invite") requirePermission(member, "staff.invite");
    const { memberId, invitation } = await createMember(context.db, ctxOf(member, context), input);
    if (invitation) {
      // The link is shown once, in the notice (a cookie read once, two minutes at most), like a
      // temporary password; only its hash is stored.
      const link = `${new URL(request.url).origin}${invitationPath(invitation.token)}`;
      return succeeded(request, context, "memberInvited", { name: input.fullName, username: input.username, link }, `/o/${member.org.slug}/staff/${memberId}`);
    }
    return succeeded(request, context, "memberCreated", { name: input.fullName, username: input.username }, `/o/${member.org.slug}/staff`);
  });
}

export default function NewMember() {
  const t = useT();
  const { positions, slug, canInvite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="page-title">{t.staff.new}</h1>
      <MemberForm
        mode="create"
        positions={positions}
        lastResult={actionData?.result}
        defaultValue={{ fullName: "", username: "", title: "", positionId: "", roles: ["staff"], phone: "", email: "", access: canInvite ? "invite" : "password" }}
        cancelTo={`/o/${slug}/staff`}
        canInvite={canInvite}
      />
    </div>
  );
}
