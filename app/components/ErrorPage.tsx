import { useT } from "~/i18n";
import { errorPagesMessages } from "~/i18n/sections/errorPages";
import type { RefusalReason } from "~/utils/errors";

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

/** A friendly page for a refused or failed request; never shows error details. */
export function ErrorPage({ status, reason }: { status: number; reason?: string }) {
  const t = useT().errorPages ?? FALLBACK;
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
