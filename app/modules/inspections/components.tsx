import type { ReactNode } from "react";
import { Field, type FieldMeta } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { inspectionErrorText } from "~/i18n/sections/inspections";
import { formatScore, type ActionStatus, type InspectionStatus, type Outcome } from "./rules";

// UI pieces shared by the inspection pages (client-safe: no server imports).

/** A labelled control whose error key may be one of the inspection section's own. */
export function InspField(props: { meta: FieldMeta; label: string; hint?: string; optional?: boolean; children: ReactNode }) {
  const t = useT();
  return <Field {...props} translate={(key) => inspectionErrorText(t, key)} />;
}

/** The first error of a form reply, as an alert (for forms whose fields are not Conform-managed). */
export function ReplyError({ error }: { error?: Record<string, string[] | null | undefined> | null }) {
  const t = useT();
  const first = Object.values(error ?? {}).find((e) => e && e.length)?.[0];
  if (!first) return null;
  return (
    <p className="alert" role="alert">
      {inspectionErrorText(t, first)}
    </p>
  );
}

const OUTCOME_STYLE: Record<Outcome, string> = {
  pass: "bg-green-100 text-green-800",
  fail: "bg-red-100 text-red-800",
  na: "bg-slate-100 text-slate-600",
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const t = useT().inspections;
  return <span className={`badge ${OUTCOME_STYLE[outcome]}`}>{t.outcome[outcome]}</span>;
}

const ACTION_STYLE: Record<ActionStatus, string> = {
  open: "bg-amber-100 text-amber-900",
  explained: "bg-sky-100 text-sky-800",
  resolved: "bg-green-100 text-green-800",
  unresolved: "bg-red-100 text-red-800",
};

export function ActionBadges({ status, overdue }: { status: ActionStatus; overdue?: boolean }) {
  const t = useT().inspections;
  return (
    <span className="inline-flex shrink-0 flex-wrap gap-1 whitespace-nowrap">
      <span className={`badge ${ACTION_STYLE[status]}`}>{t.actionStatus[status]}</span>
      {overdue ? <span className="badge bg-red-600 text-white">{t.overdue}</span> : null}
    </span>
  );
}

export function StatusBadge({ status }: { status: InspectionStatus }) {
  const t = useT().inspections;
  return <span className={`badge ${status === "submitted" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>{t.status[status]}</span>;
}

/** A member's score in one inspection, coloured by whether anything failed. */
export function ScoreChip({ name, score, fail }: { name?: string; score: number | null; fail: number }) {
  const all = useT();
  const t = all.inspections;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${fail > 0 ? "bg-red-50 text-red-800 ring-1 ring-red-200" : "bg-green-50 text-green-800 ring-1 ring-green-200"}`}>
      {name ? <span>{name}</span> : null}
      <span className="tabular-nums" title={fail > 0 ? fmt(t.failCount, { n: fail }) : t.allPassed}>
        {formatScore(score, all.locale)}
      </span>
    </span>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="card" id={id}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}
