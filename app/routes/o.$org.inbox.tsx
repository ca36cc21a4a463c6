import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { requireMember } from "~/modules/auth/guard.server";
import { inboxItems } from "~/modules/inbox/inbox.server";
import { INBOX_KINDS, INBOX_LIMIT, type InboxKind } from "~/modules/inbox/kinds";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta = titled((t) => t.inbox.title);

/** "Chờ tôi xử lý": every decision waiting for the signed-in member, each linking to where it is taken. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.view");
  const items = await inboxItems(context.db, { orgId: member.org.id, membershipId: member.membershipId, roles: member.roles });
  return { items, slug: member.org.slug };
}

interface Row {
  key: string;
  href: string;
  label: string;
  meta: string[];
}

export default function Inbox() {
  const t = useT();
  const ti = t.inbox;
  const { items, slug } = useLoaderData<typeof loader>();
  const base = `/o/${slug}`;
  const rows: Record<InboxKind, Row[] | null> = {
    tasks: items.tasks.map((r) => ({
      key: r.id,
      href: `${base}/tasks/${r.id}`,
      label: r.title,
      meta: [fmt(ti.lines.submitted, { who: r.who ?? "—", time: formatDateTime(r.at) }), ...(r.date ? [fmt(ti.lines.deadline, { date: formatDate(r.date) })] : [])],
    })),
    extensions: items.extensions.map((r) => ({
      key: r.id,
      href: `${base}/tasks/${r.taskId}`,
      label: r.title,
      meta: [fmt(ti.lines.extension, { who: r.who, date: formatDate(r.date) }), fmt(ti.lines.sent, { time: formatDateTime(r.at) })],
    })),
    leave:
      items.leave?.map((r) => ({
        key: r.id,
        href: `${base}/leave#leave-pending`,
        label: fmt(ti.lines.leave, { who: r.who, kind: t.leave.kinds[r.kind].toLocaleLowerCase("vi"), from: formatDate(r.date), to: formatDate(r.endDate) }),
        meta: [fmt(ti.lines.sent, { time: formatDateTime(r.at) })],
      })) ?? null,
    corrections:
      items.corrections?.map((r) => ({
        key: r.id,
        href: `${base}/attendance`,
        label: fmt(ti.lines.correction, { who: r.who, date: formatDate(r.date), session: t.attendance.correction.sessions[r.session].toLocaleLowerCase("vi") }),
        meta: [fmt(ti.lines.sent, { time: formatDateTime(r.at) })],
      })) ?? null,
    swapAnswers: items.swapAnswers.map((r) => ({
      key: r.id,
      href: `${base}/rosters`,
      label: fmt(ti.lines.swapAnswer, { who: r.who, date: formatDate(r.date) }),
      meta: [r.title, t.rosters.kind[r.kind], fmt(ti.lines.sent, { time: formatDateTime(r.at) })],
    })),
    swapApprovals:
      items.swapApprovals?.map((r) => ({
        key: r.id,
        href: `${base}/rosters`,
        label: fmt(ti.lines.swapApproval, { who: r.who, target: r.targetName, date: formatDate(r.date) }),
        meta: [r.title, t.rosters.kind[r.kind]],
      })) ?? null,
    explanations:
      items.explanations?.map((r) => ({
        key: r.id,
        href: `${base}/inspections/${r.inspectionId}#action-${r.id}`,
        label: `${r.code} ${r.text}`,
        meta: [r.at ? fmt(ti.lines.explained, { who: r.who, time: formatDateTime(r.at) }) : r.who, fmt(ti.lines.due, { date: formatDate(r.date) })],
      })) ?? null,
  };
  const kinds = INBOX_KINDS.filter((k) => (rows[k]?.length ?? 0) > 0);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="page-title">{ti.title}</h1>
        <p className="mt-1 text-slate-700">{ti.intro}</p>
      </div>
      {kinds.length === 0 ? (
        <p className="card text-slate-700" data-testid="inbox-empty">
          {ti.empty}
        </p>
      ) : (
        kinds.map((k) => <KindSection key={k} kind={k} rows={rows[k]!} />)
      )}
    </div>
  );
}

function KindSection({ kind, rows }: { kind: InboxKind; rows: Row[] }): ReactNode {
  const ti = useT().inbox;
  return (
    <section id={kind} className="card" aria-labelledby={`inbox-${kind}`} data-testid={`inbox-${kind}`}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`inbox-${kind}`} className="font-semibold">
          {ti.kinds[kind]}
        </h2>
        <span className="badge bg-amber-100 text-amber-900">{fmt(ti.count, { n: rows.length })}</span>
      </div>
      <ul className="divide-y divide-slate-100">
        {rows.map((r) => (
          <li key={r.key} className="py-2.5">
            <Link to={r.href} className="font-medium break-words">
              {r.label}
            </Link>
            <p className="mt-0.5 text-sm text-slate-600">{r.meta.filter(Boolean).join(" · ")}</p>
          </li>
        ))}
      </ul>
      {rows.length >= INBOX_LIMIT ? <p className="hint">{fmt(ti.more, { n: INBOX_LIMIT })}</p> : null}
    </section>
  );
}
