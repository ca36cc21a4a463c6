import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PositionForm } from "~/components/PositionForm";
import { useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { getPosition, positionHolders, updatePosition } from "~/modules/org/org.server";
import { positionSchema } from "~/modules/org/schema";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { formatDate } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "positions.view");
  const [position, holders] = await Promise.all([
    getPosition(context.db, member.org.id, params.positionId!),
    positionHolders(context.db, member.org.id, params.positionId!),
  ]);
  return { position, holders, slug: member.org.slug, canManage: can(member.roles, "positions.manage") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "positions.manage");
  return handleForm(await readForm(request), positionSchema, async (input) => {
    await updatePosition(context.db, ctxOf(member, context), params.positionId!, input);
    return succeeded(request, context, "positionSaved", { name: input.name });
  });
}

export default function PositionPage() {
  const t = useT();
  const { position, holders, slug, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/o/${slug}/positions`}>← {t.positions.title}</Link>
      </p>
      <h1 className="page-title">{position.name}</h1>
      {position.counter ? <p className="text-slate-600">{position.counter}</p> : null}
      <section className="card">
        <h2 className="font-semibold">{t.positions.duties}</h2>
        <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{position.duties || "—"}</p>
      </section>
      <section className="card">
        <h2 className="font-semibold">{t.positions.history}</h2>
        {holders.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t.staff.noHistory}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {holders.map((h) => (
              <li key={h.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="font-medium">{h.fullName}</span>
                <span className="text-slate-600">
                  {formatDate(h.startDate)} – {h.endDate ? formatDate(h.endDate) : t.common.now}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canManage ? (
        <section className="card">
          <h2 className="mb-3 font-semibold">{t.positions.editTitle}</h2>
          <PositionForm
            key={position.id}
            lastResult={actionData?.result}
            defaultValue={{
              name: position.name,
              counter: position.counter,
              duties: position.duties,
              sortOrder: String(position.sortOrder),
            }}
            submitLabel={t.common.save}
          />
        </section>
      ) : null}
    </div>
  );
}
