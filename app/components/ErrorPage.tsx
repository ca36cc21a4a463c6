import { fmt, useT } from "~/i18n";
import { errorPagesMessages } from "~/i18n/sections/errorPages";
import type { RefusalReason, Suspension } from "~/utils/errors";
import { formatDate } from "~/utils/time";

type Words = typeof errorPagesMessages.vi;

/**
 * Without the root loader's data there is no dictionary (a form refused by its action outside a
 * centre: Remix renders the error without loading the root), and no language: both, Vietnamese first.
 */
const FALLBACK: Words = (() => {
  const { vi, en } = errorPagesMessages;
  const both = <T extends Record<string, string>>(a: T, b: T) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v === b[k] ? v : `${v} / ${b[k]}`])) as T;
  const { reasons, ...rest } = vi;
  const { reasons: enReasons, ...enRest } = en;
  return { ...both(rest, enRest), reasons: both(reasons, enReasons) };
})();

/** The `suspension` of a refused request's data (server/domain-errors.ts), when it carries one. */
export function suspensionOf(data: unknown): Suspension | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const s = (data as { suspension?: unknown }).suspension;
  return typeof s === "object" && s !== null && typeof (s as Suspension).centreName === "string" ? (s as Suspension) : undefined;
}

/** A friendly page for a refused or failed request; never shows error details. */
export function ErrorPage({ status, reason, suspension }: { status: number; reason?: string; suspension?: Suspension }) {
  const t = useT().errorPages ?? FALLBACK;
  if (suspension) return <SuspendedPage t={t} s={suspension} />;
  const [title, text] =
    status === 404
      ? [t.notFoundTitle, t.notFoundText]
      : status === 403
        ? [t.forbiddenTitle, t.forbiddenText]
        : status === 413
          ? [t.tooLargeTitle, t.reasons.formTooLarge]
          : status === 409
            ? [t.conflictTitle, t.reasons.alreadyDecided]
            : status === 429
              ? [t.throttledTitle, t.throttledText]
              : status >= 400 && status < 500
                ? [t.badRequestTitle, t.badRequestText]
                : [t.serverTitle, t.serverText];
  const detail = reason && reason in t.reasons ? t.reasons[reason as RefusalReason] : text;
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{detail}</p>
      <p className="mt-6">
        <a href="/" className="btn-primary">
          {t.home}
        </a>
      </p>
    </main>
  );
}

/** A suspended centre (423, docs/decisions/0044-centre-lifecycle.md): why, since when, and what is still possible. */
function SuspendedPage({ t, s }: { t: Words; s: Suspension }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16" data-testid="centre-suspended">
      <h1 className="text-2xl font-semibold">{t.suspendedTitle}</h1>
      <p className="mt-3 text-slate-700">{s.suspendedAt ? fmt(t.suspendedText, { centre: s.centreName, date: formatDate(s.suspendedAt) }) : fmt(t.suspendedTextUndated, { centre: s.centreName })}</p>
      {s.reason ? (
        <p className="card mt-4 text-slate-800">
          <span className="font-medium">{t.suspendedReason}:</span> {s.reason}
        </p>
      ) : null}
      {s.deletionDueAt ? (
        <div className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-red-900" data-testid="deletion-due">
          <p className="font-medium">{fmt(t.suspendedDeletion, { date: formatDate(s.deletionDueAt) })}</p>
          <p className="mt-1">{s.adminLinks ? t.suspendedExportAdmin : t.suspendedExportAsk}</p>
        </div>
      ) : null}
      <p className="mt-4 text-slate-700">{t.suspendedContact}</p>
      <p className="mt-6 flex flex-wrap gap-3">
        {s.adminLinks ? (
          <>
            <a href={s.adminLinks.export} className="btn-primary">
              {t.suspendedExport}
            </a>
            <a href={s.adminLinks.operatorLog} className="btn-secondary">
              {t.suspendedOperatorLog}
            </a>
          </>
        ) : null}
        <a href="/" className={s.adminLinks ? "btn-secondary" : "btn-primary"}>
          {t.home}
        </a>
      </p>
    </main>
  );
}
