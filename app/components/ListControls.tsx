// The pieces every list page repeats: the filter panel (a GET form, works without JavaScript),
// links that keep the current query while changing some of it, and the previous/next pager.
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { fmt, useT } from "~/i18n";

/** `?…` of the current query with `changes` applied (null removes a parameter). */
export function useWithParams(): (changes: Record<string, string | null>) => string {
  const [params] = useSearchParams();
  return (changes) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };
}

/** A folding panel of filters: the fields, then "apply" and "clear" (a link to `clearTo`). */
export function FilterPanel(props: {
  title: string;
  open: boolean;
  /** Classes of the form's grid, e.g. "sm:grid-cols-2 lg:grid-cols-4". */
  grid: string;
  /** Classes of the buttons' row, to span the grid, e.g. "sm:col-span-2 lg:col-span-4". */
  span: string;
  apply: string;
  clear: string;
  clearTo: string;
  children: ReactNode;
}) {
  return (
    <details className="card" open={props.open}>
      <summary className="cursor-pointer font-medium">{props.title}</summary>
      <Form method="get" className={`mt-3 grid gap-3 ${props.grid}`}>
        {props.children}
        <div className={`flex items-end gap-2 ${props.span}`}>
          <button type="submit" className="btn-primary">
            {props.apply}
          </button>
          <Link to={props.clearTo} className="btn-secondary">
            {props.clear}
          </Link>
        </div>
      </Form>
    </details>
  );
}

/** Previous and next page links (none when there is one page), with what to show between them. */
export function Pager({ page, hasNext, link, current }: { page: number; hasNext: boolean; link: (page: number) => string; current?: ReactNode }) {
  const t = useT();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="flex items-center gap-3" aria-label={fmt(t.common.page, { n: page })}>
      {page > 1 ? (
        <Link to={link(page - 1)} className="btn-secondary">
          {t.common.previous}
        </Link>
      ) : null}
      {current !== undefined ? <span className="text-sm text-slate-600">{current}</span> : null}
      {hasNext ? (
        <Link to={link(page + 1)} className="btn-secondary">
          {t.common.next}
        </Link>
      ) : null}
    </nav>
  );
}
