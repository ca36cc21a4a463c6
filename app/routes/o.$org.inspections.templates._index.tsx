import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { messages } from "~/i18n/messages.server";
import { titled } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { BUILTIN_ITEMS } from "~/modules/inspections/checklist";
import { Section } from "~/components/inspections/InspectionParts";
import { copyTemplateSchema } from "~/modules/inspections/schema";
import { copyBuiltinTemplate, copyTemplate, listTemplates, templatePage } from "~/modules/inspections/templates.server";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

export const meta = titled((t) => t.inspections.templatesPage.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.templates");
  return { templates: await listTemplates(context.db, member.org.id), builtin: BUILTIN_ITEMS, slug: member.org.slug };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.templates");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const base = `/o/${member.org.slug}/inspections/templates`;
  const t = messages(member.user.locale);
  switch (intent) {
    case "copyBuiltin":
    case "copy":
      return handleForm(
        formData,
        copyTemplateSchema,
        async (v) => {
          const id =
            v.intent === "copyBuiltin" || !v.templateId
              ? await copyBuiltinTemplate(context.db, ctx)
              : await copyTemplate(context.db, ctx, v.templateId, (name) => fmt(t.inspections.templatesPage.copyName, { name }));
          const { template } = await templatePage(context.db, ctx.orgId, id);
          return succeeded(request, context, "templateCopied", { name: template.name }, `${base}/${id}`);
        },
        { intent },
      );
    default:
      badRequest();
  }
}

export default function Templates() {
  const t = useT();
  const ti = t.inspections;
  const tp = ti.templatesPage;
  const { templates, builtin, slug } = useLoaderData<typeof loader>();
  const base = `/o/${slug}/inspections`;
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <p>
        <Link to={base}>← {ti.title}</Link>
      </p>
      <h1 className="page-title">{tp.title}</h1>

      <Section title={tp.centre}>
        {templates.length === 0 ? (
          <p className="text-sm text-slate-600">{tp.none}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {templates.map((x) => (
              <li key={x.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <Link to={`${base}/templates/${x.id}`} className="font-medium">
                    {x.name}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {fmt(tp.versionN, { n: x.versionNumber ?? 1 })} · {fmt(tp.itemsCount, { n: x.itemCount })} · {fmt(tp.usedIn, { n: x.useCount })}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {x.active ? null : <span className="badge">{tp.inactive}</span>}
                  <Form method="post">
                    <input type="hidden" name="templateId" value={x.id} />
                    <button name="intent" value="copy" className="btn-secondary">
                      {tp.copy}
                    </button>
                  </Form>
                  <Link to={`${base}/templates/${x.id}`} className="btn-secondary">
                    {tp.edit}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={tp.builtin}>
        <p className="text-sm text-slate-700">{tp.builtinHint}</p>
        <Form method="post" className="mt-3">
          <button name="intent" value="copyBuiltin" className="btn-primary">
            {tp.copyBuiltin}
          </button>
        </Form>
        <ol className="mt-4 divide-y divide-slate-100 text-sm">
          {builtin.map((i) => (
            <li key={i.code} className="py-2">
              <p>
                <span className="font-semibold text-slate-500">{i.code}</span> {i.text}
              </p>
              <p className="text-xs text-slate-600">
                {tp.basis}: {i.basis}
              </p>
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
