import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { requireMember } from "~/modules/auth/guard.server";
import { AREAS } from "~/modules/exports/centre-archive-spec";

export const meta = titled((t) => t.centreExport.title);

/** What the centre's archive holds, and the link that downloads it (docs/decisions/0045). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.export");
  return { slug: member.org.slug, areas: AREAS.map((a) => ({ file: a.file, title: a.title, about: a.about })) };
}

export default function CentreExport() {
  const t = useT();
  const te = t.centreExport;
  const { slug, areas } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{te.title}</h1>
      <section className="card space-y-3">
        <p>{te.intro}</p>
        <h2 className="font-semibold">{te.contains}</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {areas.map((a) => (
            <li key={a.file}>
              <span className="font-medium">{a.title}</span> (<code className="whitespace-nowrap">{a.file}</code>): {a.about}
            </li>
          ))}
          <li>{te.files}</li>
          <li>{te.readme}</li>
        </ul>
        <p className="text-sm text-slate-600">{te.notIncluded}</p>
        <p className="text-sm text-slate-600">{te.duration}</p>
        {/* A plain link: the browser downloads the archive as it streams, with or without JavaScript. */}
        <a href={`/o/${slug}/settings/export.zip`} className="btn-primary inline-block no-underline" download data-testid="export-download">
          {te.download}
        </a>
      </section>
    </div>
  );
}
