import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PositionForm } from "~/components/PositionForm";
import { fmt, useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { createPosition, listPositions } from "~/modules/org/org.server";
import { positionSchema } from "~/modules/org/schema";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "positions.view");
  return {
    positions: await listPositions(context.db, member.org.id),
    slug: member.org.slug,
    canManage: can(member.roles, "positions.manage"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "positions.manage");
  return handleForm(await readForm(request), positionSchema, async (input) => {
    const id = await createPosition(context.db, ctxOf(member, context), input);
    return succeeded(request, context, "positionCreated", { name: input.name }, `/o/${member.org.slug}/positions/${id}`);
  });
}

export default function Positions() {
  const t = useT();
  const { positions, slug, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="page-title">{t.positions.title}</h1>
      <p className="text-slate-600">{t.positions.intro}</p>
      {positions.length === 0 ? <p className="card">{t.positions.empty}</p> : null}
      <ul className="grid gap-3 md:grid-cols-2">
        {positions.map((p) => (
          <li key={p.id} className="card">
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <h2 className="font-semibold">
                  <Link to={`/o/${slug}/positions/${p.id}`}>{p.name}</Link>
                </h2>
                {p.counter ? <p className="text-sm text-slate-600">{p.counter}</p> : null}
              </div>
              <span className="badge shrink-0">{fmt(t.positions.holderCount, { n: Number(p.holderCount ?? 0) })}</span>
            </div>
            {p.duties ? <p className="mt-2 line-clamp-3 whitespace-pre-line text-sm text-slate-700">{p.duties}</p> : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <section className="card max-w-2xl">
          <h2 className="mb-3 font-semibold">{t.positions.new}</h2>
          <PositionForm lastResult={actionData?.result} submitLabel={t.positions.new} />
        </section>
      ) : null}
    </div>
  );
}
