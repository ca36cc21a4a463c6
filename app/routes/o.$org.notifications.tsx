import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { errorText, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { listNotifications, markRead, memberChannels, saveMemberChannels } from "~/modules/notifications/notifications.server";
import { memberChannelsSchema } from "~/modules/notifications/schema";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { safeRedirect } from "~/utils/redirect";
import { formatDateTime } from "~/utils/time";

export const meta = titled((t) => t.notifications.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.view");
  const [items, channels] = await Promise.all([
    listNotifications(context.db, member.org.id, member.membershipId, member.user.locale),
    memberChannels(context.db, member.org.id, member.membershipId),
  ]);
  return { items, channels };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.view");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "open": {
      const link = await markRead(context.db, ctx, String(formData.get("id") ?? ""));
      // Only links inside this centre.
      const fallback = `/o/${member.org.slug}/notifications`;
      return redirect(link?.startsWith(`/o/${member.org.slug}/`) ? safeRedirect(link, fallback) : fallback);
    }
    case "read":
      await markRead(context.db, ctx, String(formData.get("id") ?? ""));
      return succeeded(request, context, "notificationRead");
    case "readAll":
      await markRead(context.db, ctx);
      return succeeded(request, context, "notificationsAllRead");
    case "channels":
      return handleForm(
        formData,
        memberChannelsSchema,
        async (v) => (
          await saveMemberChannels(context.db, ctx, { telegramChatId: v.telegramChatId, email: v.email === "on", webhook: v.webhook === "on" }),
          succeeded(request, context, "myChannelsSaved")
        ),
        { intent },
      );
    default:
      badRequest();
  }
}

export default function Notifications() {
  const t = useT();
  const tn = t.notifications;
  const { items, channels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const channelError = actionData?.intent === "channels" ? actionData.result?.error?.telegramChatId?.[0] : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{tn.title}</h1>
        {items.some((i) => !i.read) ? (
          <Form method="post">
            <button name="intent" value="readAll" className="btn-secondary">
              {tn.markAll}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="card text-slate-700">{tn.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start justify-between gap-2 p-3 ${n.read ? "" : "bg-brand-50"}`}>
              <div className="min-w-0 flex-1">
                <p className={n.read ? "text-slate-700" : "font-medium"}>
                  {!n.read ? <span className="sr-only">{tn.unread}: </span> : null}
                  {n.text}
                </p>
                <p className="text-xs text-slate-500">{formatDateTime(n.createdAt)}</p>
              </div>
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="id" value={n.id} />
                <button name="intent" value="open" className="btn-primary px-3 py-1">
                  {tn.open}
                </button>
                {!n.read ? (
                  <button name="intent" value="read" className="btn-secondary px-3 py-1">
                    {tn.markRead}
                  </button>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      )}
      <section className="card">
        <h2 className="font-semibold">{tn.channels.title}</h2>
        <p className="hint">{tn.channels.intro}</p>
        <Form method="post" className="mt-3 space-y-3">
          <input type="hidden" name="intent" value="channels" />
          <div>
            <label htmlFor="telegramChatId" className="label">
              {tn.channels.telegram}
            </label>
            <input id="telegramChatId" name="telegramChatId" defaultValue={channels.telegramChatId} inputMode="numeric" className="input mt-1" disabled={!channels.available.telegram} aria-invalid={channelError ? true : undefined} />
            {!channels.available.telegram ? <p className="hint">{tn.channels.notConfigured}</p> : null}
            {channelError ? <p className="field-error">{errorText(t, channelError)}</p> : null}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="email" value="on" defaultChecked={channels.email} disabled={!channels.available.email} className="h-4 w-4" />
            {tn.channels.email}
            {!channels.available.email ? <span className="text-slate-500"> — {tn.channels.notConfigured}</span> : null}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="webhook" value="on" defaultChecked={channels.webhook} disabled={!channels.available.webhook} className="h-4 w-4" />
            {tn.channels.webhook}
            {!channels.available.webhook ? <span className="text-slate-500"> — {tn.channels.notConfigured}</span> : null}
          </label>
          <button className="btn-secondary">{tn.channels.save}</button>
        </Form>
      </section>
    </div>
  );
}
