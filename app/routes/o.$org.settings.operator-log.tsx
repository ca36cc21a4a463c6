import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { operatorLog } from "~/modules/audit/audit.server";
import { requireMember } from "~/modules/auth/guard.server";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta = titled((t) => t.lifecycle.title);

// The service operator's actions on this centre (docs/decisions/0044-centre-lifecycle.md). Open to
// those who may read the audit log; while the centre is suspended, to its admin still.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "audit.view");
  const o = member.org;
  return {
    entries: await operatorLog(context.db, o.id),
    status: { suspended: o.status !== "active", suspendedAt: o.suspended_at, deletionDueAt: o.deletion_due_at },
    exportPath: `/o/${o.slug}/settings/export`,
  };
}

export default function OperatorLog() {
  const t = useT();
  const tl = t.lifecycle;
  const { entries, status, exportPath } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{tl.title}</h1>
      <p className="text-slate-700">{tl.intro}</p>
      {status.suspended ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="operator-log-status">
          {status.suspendedAt ? <p>{fmt(tl.statusSuspended, { date: formatDate(status.suspendedAt) })}</p> : null}
          {status.deletionDueAt ? (
            <>
              <p className="mt-1 font-medium">{fmt(tl.statusDeletion, { date: formatDate(status.deletionDueAt) })}</p>
              <p className="mt-3">
                <a href={exportPath} className="btn-primary">
                  {tl.download}
                </a>
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      {entries.length === 0 ? (
        <p className="card text-slate-600">{tl.empty}</p>
      ) : (
        <ol className="space-y-3" data-testid="operator-log">
          {entries.map((e) => (
            <li key={e.id} className="card">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900">{tl.actions[e.action] ?? e.action}</span>
                <time dateTime={e.createdAt} className="text-sm text-slate-600">
                  {formatDateTime(e.createdAt)}
                </time>
              </div>
              {e.reason ? <p className="mt-1 text-slate-800">{fmt(tl.reason, { reason: e.reason })}</p> : null}
              {e.deletionDueAt ? <p className="mt-1 text-slate-800">{fmt(tl.deletion, { date: formatDate(e.deletionDueAt), days: e.graceDays ?? "" })}</p> : null}
              {e.group ? <p className="mt-1 text-slate-800">{fmt(tl.group, { group: e.group })}</p> : null}
              <p className="mt-1 text-sm text-slate-500">{tl.via[e.via]}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
