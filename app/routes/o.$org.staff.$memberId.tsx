import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import { MemberForm } from "~/components/MemberForm";
import { errorText, fmt, useT } from "~/i18n";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { invitationPath, inviteMember, openInvitations, revokeInvitations } from "~/modules/auth/invitations.server";
import { can } from "~/modules/auth/permissions";
import {
  getMember,
  listPositions,
  positionHistoryOfMember,
  resetMemberPassword,
  setMemberActive,
  updateMember,
} from "~/modules/org/org.server";
import { updateMemberSchema } from "~/modules/org/schema";
import { badRequest, FieldError } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { firstError } from "~/utils/reply";
import { formatDate } from "~/utils/time";
import { vnDateOf } from "~/utils/dates";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.manage");
  const [target, positions, history, invitations] = await Promise.all([
    getMember(context.db, member.org.id, params.memberId!),
    listPositions(context.db, member.org.id),
    positionHistoryOfMember(context.db, member.org.id, params.memberId!),
    openInvitations(context.db, member.org.id, [params.memberId!], context.now()),
  ]);
  return {
    target,
    positions,
    history,
    slug: member.org.slug,
    self: target.userId === member.user.id,
    canInvite: can(member.roles, "staff.invite"),
    inviteExpiresAt: invitations.get(target.id) ?? null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.manage");
  const ctx = ctxOf(member, context);
  const memberId = params.memberId!;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const name = async () => (await getMember(context.db, ctx.orgId, memberId)).fullName;
  switch (intent) {
    case "save":
      return handleForm(formData, updateMemberSchema, async (input) => {
        await updateMember(context.db, ctx, memberId, input);
        return succeeded(request, context, "memberSaved", { name: await name() });
      });
    case "deactivate":
    case "reactivate":
      try {
        await setMemberActive(context.db, ctx, memberId, intent === "reactivate");
      } catch (err) {
        if (err instanceof FieldError) {
          return data({ result: undefined, error: err.key }, { status: 400 });
        }
        throw err;
      }
      return succeeded(request, context, intent === "reactivate" ? "memberReactivated" : "memberDeactivated", { name: await name() });
    case "resetPassword": {
      requirePermission(member, "staff.resetPassword");
      const temp = `Tam-${encodeBase32LowerCaseNoPadding(randomBytes(8))}`;
      await resetMemberPassword(context.db, ctx, memberId, temp);
      // Shown once, like any notice: the cookie that carries it lives two minutes and is read once.
      return succeeded(request, context, "passwordReset", { name: await name(), password: temp });
    }
    case "invite": {
      requirePermission(member, "staff.invite");
      const target = await getMember(context.db, ctx.orgId, memberId);
      if (!target.active) return data({ result: undefined, error: "memberInactive" }, { status: 400 });
      const { token } = await inviteMember(context.db, ctx, memberId);
      // Shown once, in the notice, like a temporary password; only the token's hash is stored.
      return succeeded(request, context, "invitationIssued", { name: target.fullName, link: `${new URL(request.url).origin}${invitationPath(token)}` });
    }
    case "revokeInvite":
      requirePermission(member, "staff.invite");
      await revokeInvitations(context.db, ctx, memberId);
      return succeeded(request, context, "invitationRevoked", { name: await name() });
    default:
      badRequest();
  }
}

export default function EditMember() {
  const t = useT();
  const { target, positions, history, slug, self, canInvite, inviteExpiresAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = firstError(actionData);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="page-title">{t.staff.editTitle}</h1>
        <p className="mt-1 text-slate-600">
          {target.fullName} · {target.active ? t.staff.active : t.staff.inactive}
        </p>
      </div>
      {error ? (
        <p className="alert" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <MemberForm
        key={target.id}
        mode="edit"
        positions={positions}
        lastResult={actionData?.result}
        defaultValue={{
          fullName: target.fullName,
          username: target.username,
          title: target.title,
          positionId: target.positionId ?? "",
          roles: target.roles,
          phone: target.phone ?? "",
          email: target.email ?? "",
        }}
        cancelTo={`/o/${slug}/staff`}
        lockRoles={self}
      />
      <section className="card max-w-2xl">
        <h2 className="font-semibold">{t.staff.history}</h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t.staff.noHistory}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {history.map((h) => (
              <li key={h.id} className="py-2">
                <span className="font-medium">{h.positionName}</span>
                {h.counter ? <span className="text-slate-600"> — {h.counter}</span> : null}
                <span className="block text-slate-600">
                  {`${t.common.from} ${formatDate(h.startDate)} ${t.common.to.toLowerCase()} ${h.endDate ? formatDate(h.endDate) : t.common.now}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canInvite && target.active && !self ? (
        <section className="card max-w-2xl" aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="font-semibold">
            {t.invite.staff.inviteTitle}
          </h2>
          <p className="hint">{t.invite.staff.inviteHint}</p>
          <p className="mt-2 text-sm">
            {inviteExpiresAt
              ? fmt(t.invite.staff.invitePending, { date: formatDate(vnDateOf(new Date(inviteExpiresAt))) })
              : target.awaitingPassword
                ? t.invite.staff.inviteAwaiting
                : t.invite.staff.inviteNone}
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Form method="post">
              <button type="submit" name="intent" value="invite" className="btn-secondary">
                {t.invite.staff.inviteCreate}
              </button>
            </Form>
            {inviteExpiresAt ? (
              <Form method="post">
                <button type="submit" name="intent" value="revokeInvite" className="btn-secondary">
                  {t.invite.staff.inviteRevoke}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}
      <section className="card max-w-2xl space-y-4">
        <div>
          <h2 className="font-semibold">{t.staff.resetPassword}</h2>
          <p className="hint">{t.staff.resetPasswordHint}</p>
          <Form method="post" className="mt-2">
            <button type="submit" name="intent" value="resetPassword" className="btn-secondary">
              {t.staff.resetPassword}
            </button>
          </Form>
        </div>
        {!self ? (
          <div>
            <h2 className="font-semibold">{target.active ? t.staff.deactivate : t.staff.reactivate}</h2>
            {target.active ? <p className="hint">{t.staff.deactivateHint}</p> : null}
            <Form method="post" className="mt-2">
              <button
                type="submit"
                name="intent"
                value={target.active ? "deactivate" : "reactivate"}
                className={target.active ? "btn-danger" : "btn-secondary"}
              >
                {target.active ? t.staff.deactivate : t.staff.reactivate}
              </button>
            </Form>
          </div>
        ) : null}
      </section>
    </div>
  );
}
