import { useT } from "~/i18n";

/** A friendly page for 400/403/404/500; never shows error details. */
export function ErrorPage({ status }: { status: number }) {
  const t = useT().errorPages;
  const [title, text] =
    status === 404
      ? [t.notFoundTitle, t.notFoundText]
      : status === 403
        ? [t.forbiddenTitle, t.forbiddenText]
        : status === 400
          ? [t.badRequestTitle, t.badRequestText]
          : [t.serverTitle, t.serverText];
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{text}</p>
      <p className="mt-6">
        <a href="/" className="btn-primary">
          {t.home}
        </a>
      </p>
    </main>
  );
}
