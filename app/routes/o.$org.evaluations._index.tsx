import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { evaluationErrorText, percentText, periodText, pointsText } from "~/i18n/sections/evaluations";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { loadWeights, periodEvaluations, saveWeights } from "~/modules/evaluation/evaluation.server";
import { LATE_EXTENSION_RULES } from "~/modules/tasks/rules";
import { lateExtensionRule, saveLateExtensionRule } from "~/modules/tasks/tasks.server";
import { lateExtensionsSchema, weightsSchema } from "~/modules/evaluation/schema";
import { BANDS, CRITERION_MAX, parsePeriod, periodContaining, periodOptions, shiftPeriod, weightShares } from "~/modules/evaluation/score";
import { BandBadge, PeriodPicker, STATUS_STYLE } from "~/components/evaluation/EvaluationParts";
import { parseYear, yearHeading, yearOptions } from "~/modules/evaluation/annual";
import { yearEvaluations, yearRowOf } from "~/modules/evaluation/annual.server";
import { YearCentrePage, type YearCentreData } from "~/components/evaluation/AnnualPages";
import type { Member } from "~/modules/auth/guard.server";
import { vnDateOf } from "~/utils/dates";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { formatShare } from "~/utils/number";
import { formatDate } from "~/utils/time";

export const meta = titled((t) => t.evaluations.title);


/** `?period=YYYY`: the centre's year (staff see only their own row). */
async function yearView(context: LoaderFunctionArgs["context"], member: Member, year: number, today: string): Promise<YearCentreData> {
  const all = can(member.roles, "evaluations.viewAll");
  const page = await yearEvaluations(context.db, member.org.id, year, all ? {} : { membershipId: member.membershipId });
  const rows = page.rows.map(yearRowOf);
  return {
    ...yearHeading(year, today),
    slug: member.org.slug,
    rows,
    // Staff see only their own row, and nothing about the others (not even the counts).
    counts: all ? page.counts : null,
    rule: all ? page.rule : null,
    provisional: rows.filter((r) => r.band !== null && r.provisional).length,
    finalised: rows.filter((r) => r.status === "finalised").length,
    unrated: rows.filter((r) => r.band === null).length,
    all,
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "evaluations.view");
  const now = context.now();
  const today = vnDateOf(now);
  const param = new URL(request.url).searchParams.get("period");
  const year = parseYear(param);
  if (year !== null) return yearView(context, member, year, today);
  // A malformed period falls back to the current month.
  const period = parsePeriod(param) ?? periodContaining(today);
  const all = can(member.roles, "evaluations.viewAll");
  // Staff see only their own row, and nothing about the others (not even the counts).
  const settings = can(member.roles, "evaluations.settings");
  const [page, currentWeights, lateExtensions] = await Promise.all([
    periodEvaluations(context.db, member.org.id, period, now, all ? {} : { membershipId: member.membershipId }),
    settings ? loadWeights(context.db, member.org.id, today) : null,
    settings ? lateExtensionRule(context.db, member.org.id) : null,
  ]);
  return {
    view: "period" as const,
    nav: { key: period.key, prev: shiftPeriod(period, -1).key, next: shiftPeriod(period, 1).key, options: [...periodOptions(today, period), ...yearOptions(today)] },
    rows: page.rows.map((r) => ({
      membershipId: r.membershipId,
      name: r.name,
      title: r.title,
      positionName: r.positionName,
      active: r.active,
      status: r.status,
      counted: r.task.counted,
      pending: r.task.pending,
      // As displayed: hundredths rounded down, parts adding up to the total (score.ts).
      taskPoints: r.result.shown.taskPoints,
      taskSource: r.result.taskSource,
      generalPoints: r.result.shown.generalPoints,
      total: r.result.shown.total,
      band: r.result.band,
      overridden: r.result.overridden,
    })),
    counts: all ? page.counts : null,
    capWarning: all ? page.capWarning : null,
    finalised: page.rows.filter((r) => r.status === "finalised").length,
    periodOpen: today < period.end,
    periodEnd: period.end,
    weights: page.weights,
    shares: weightShares(page.weights),
    currentWeights,
    lateExtensions,
    all,
    canSettings: settings,
    me: member.membershipId,
    slug: member.org.slug,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "evaluations.view");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  switch (intent) {
    case "weights":
      requirePermission(member, "evaluations.settings");
      return handleForm(
        formData,
        weightsSchema,
        async (v) => {
          await saveWeights(context.db, ctxOf(member, context), v);
          const shares = weightShares(v);
          return succeeded(request, context, "weightsSaved", {
            quantity: formatShare(shares.quantity, member.user.locale === "en" ? "en" : "vi"),
            quality: formatShare(shares.quality, member.user.locale === "en" ? "en" : "vi"),
            timeliness: formatShare(shares.timeliness, member.user.locale === "en" ? "en" : "vi"),
          });
        },
        { intent },
      );
    case "lateExtensions":
      requirePermission(member, "evaluations.settings");
      return handleForm(
        formData,
        lateExtensionsSchema,
        async (v) => (await saveLateExtensionRule(context.db, ctxOf(member, context), v.rule), succeeded(request, context, "lateExtensionsSaved")),
        { intent },
      );
    default:
      badRequest();
  }
}

type LoaderData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: "period" }>;

function useEvalT() {
  const t = useT();
  return { t, e: t.evaluations };
}

function Method({ data }: { data: LoaderData }) {
  const { t, e } = useEvalT();
  const share = (n: number) => percentText(t, n);
  return (
    <details className="card text-sm text-slate-700">
      <summary className="cursor-pointer font-semibold text-slate-900">{e.method.heading}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>{fmt(e.method.general, { max: pointsText(t, CRITERION_MAX.political) })}</li>
        <li>{e.method.tasks}</li>
        <li>{fmt(e.method.weights, { quantity: share(data.shares.quantity), quality: share(data.shares.quality), timeliness: share(data.shares.timeliness) })}</li>
        <li>{e.method.pending}</li>
        <li className="font-medium text-slate-900">{e.method.empty}</li>
        <li>{e.method.bands}</li>
        <li>{e.roundingNote}</li>
      </ul>
    </details>
  );
}

function Counts({ data }: { data: LoaderData }) {
  const { e } = useEvalT();
  if (!data.counts) return null;
  const unrated = data.rows.filter((r) => r.band === null).length;
  return (
    <section className="card" aria-labelledby="eval-counts">
      <h2 id="eval-counts" className="font-semibold">
        {data.periodOpen ? e.countsHeadingProvisional : e.countsHeading}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        {BANDS.map((b) => (
          <li key={b} className="rounded-md bg-slate-50 px-2 py-1">
            {e.bands[b]}: <span className="font-semibold tabular-nums">{data.counts![b]}</span>
          </li>
        ))}
        <li className="rounded-md bg-slate-50 px-2 py-1">{fmt(e.countsUnrated, { n: unrated })}</li>
        <li className="rounded-md bg-slate-50 px-2 py-1">{fmt(e.countsFinalised, { n: data.finalised, total: data.rows.length })}</li>
      </ul>
      {data.capWarning ? (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {fmt(e.capWarning, { excellent: data.capWarning.excellent, good: data.capWarning.good, allowed: data.capWarning.allowed })}
        </p>
      ) : null}
    </section>
  );
}

function MembersTable({ data }: { data: LoaderData }) {
  const { t, e } = useEvalT();
  const pts = (n: number | null) => (n === null ? "—" : pointsText(t, n));
  if (data.rows.length === 0) return <p className="card text-sm text-slate-600">{e.noMembers}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{e.cols.name}</th>
            <th scope="col" className="hidden md:table-cell">
              {e.cols.tasks}
            </th>
            <th scope="col" className="hidden text-right sm:table-cell">
              {e.cols.taskPoints}
            </th>
            <th scope="col" className="hidden text-right sm:table-cell">
              {e.cols.general}
            </th>
            <th scope="col" className="text-right">
              {e.cols.total}
            </th>
            <th scope="col" className="hidden sm:table-cell">
              {e.cols.band}
            </th>
            <th scope="col" className="hidden lg:table-cell">
              {e.cols.status}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.membershipId}>
              <td>
                <Link to={`/o/${data.slug}/evaluations/${r.membershipId}?period=${data.nav.key}`} className="font-medium">
                  {r.name}
                </Link>
                <span className="block text-xs text-slate-600">{r.positionName ?? r.title}</span>
                <span className="mt-1 flex flex-wrap gap-1 sm:hidden">
                  <BandBadge band={r.band} provisional={data.periodOpen && r.status !== "finalised"} />
                </span>
                <span className={`badge mt-1 whitespace-nowrap lg:hidden ${STATUS_STYLE[r.status]}`}>{e.status[r.status]}</span>
              </td>
              <td className="hidden text-slate-700 md:table-cell">
                {r.counted + r.pending === 0 ? (
                  <span className="text-slate-500">{e.notApplicable}</span>
                ) : r.counted === 0 ? (
                  <span className="text-slate-500">{fmt(e.tasksPending, { n: r.pending })}</span>
                ) : (
                  <>
                    {fmt(e.tasksCount, { n: r.counted })}
                    {r.pending ? <span className="block text-xs text-slate-500">{fmt(e.tasksPending, { n: r.pending })}</span> : null}
                  </>
                )}
              </td>
              <td className="hidden text-right tabular-nums sm:table-cell">
                {pts(r.taskPoints)}
                {r.taskSource === "manual" ? <span className="block text-xs text-slate-500">{e.manualMark}</span> : null}
              </td>
              <td className="hidden text-right tabular-nums sm:table-cell">{pts(r.generalPoints)}</td>
              <td className="text-right font-semibold tabular-nums">{pts(r.total)}</td>
              <td className="hidden min-w-36 sm:table-cell">
                <BandBadge band={r.band} provisional={data.periodOpen && r.status !== "finalised"} />
              </td>
              <td className="hidden lg:table-cell">
                <span className={`badge whitespace-nowrap ${STATUS_STYLE[r.status]}`}>{e.status[r.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WeightsForm({ data, lastResult }: { data: LoaderData; lastResult?: SubmissionResult<string[]> }) {
  const { t, e } = useEvalT();
  // The weights in force today (the period shown may be an earlier one with other weights).
  const w = data.currentWeights ?? data.weights;
  const shares = weightShares(w);
  const [form, fields] = useForm<{ quantity: string; quality: string; timeliness: string }>({
    id: "eval-weights",
    lastResult,
    defaultValue: { quantity: String(w.quantity), quality: String(w.quality), timeliness: String(w.timeliness) },
    shouldRevalidate: "onSubmit",
  });
  const share = (n: number) => percentText(t, n);
  return (
    <section className="card max-w-3xl" aria-labelledby="eval-weights-h">
      <h2 id="eval-weights-h" className="font-semibold">
        {e.weights.heading}
      </h2>
      <p className="hint">{e.weights.hint}</p>
      <p className="hint">{e.weightsFromToday}</p>
      <p className="mt-1 text-sm text-slate-700">
        {fmt(e.weights.current, { quantity: share(shares.quantity), quality: share(shares.quality), timeliness: share(shares.timeliness) })}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="weights" />
        <div className="grid grid-cols-3 gap-3">
          {(["quantity", "quality", "timeliness"] as const).map((k) => {
            const f = fields[k];
            const error = evaluationErrorText(t, f.errors?.[0]);
            return (
              <div key={k}>
                <label htmlFor={f.id} className="label">
                  {e.components[k]}
                </label>
                <input {...getInputProps(f, { type: "number" })} min={0} max={100} step={1} className="input mt-1" />
                {error ? (
                  <p id={f.errorId} className="field-error" role="alert">
                    {error}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        <button type="submit" className="btn-secondary">
          {e.weights.save}
        </button>
      </Form>
    </section>
  );
}

/** What the centre does with an extension asked once a task is overdue (admin or director). */
function LateExtensionsForm({ rule }: { rule: string }) {
  const { e } = useEvalT();
  return (
    <section className="card max-w-3xl" aria-labelledby="eval-late-ext-h">
      <h2 id="eval-late-ext-h" className="font-semibold">
        {e.lateExtensions.heading}
      </h2>
      <p className="hint">{e.lateExtensions.hint}</p>
      <Form method="post" className="mt-3 space-y-2">
        <input type="hidden" name="intent" value="lateExtensions" />
        {LATE_EXTENSION_RULES.map((r) => (
          <label key={r} className="flex items-center gap-2 text-sm">
            <input type="radio" name="rule" value={r} defaultChecked={rule === r} className="h-4 w-4" />
            {r === "refuse" ? e.lateExtensions.refuse : e.lateExtensions.keepLate}
          </label>
        ))}
        <button type="submit" className="btn-secondary">
          {e.lateExtensions.save}
        </button>
      </Form>
    </section>
  );
}

export default function EvaluationsPage() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.view === "year") return <YearCentrePage data={loaded} />;
  return <PeriodPage data={loaded} />;
}

function PeriodPage({ data }: { data: LoaderData }) {
  const { t, e } = useEvalT();
  const actionData = useActionData<typeof action>();
  const weightsResult = actionData && "intent" in actionData && actionData.intent === "weights" ? actionData.result : undefined;
  const path = `/o/${data.slug}/evaluations`;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-3xl">
          <h1 className="page-title">
            {e.title} · {periodText(t, data.nav.key)}
          </h1>
          <p className="mt-1 text-slate-600">{data.all ? e.intro : e.introOwn}</p>
        </div>
        <PeriodPicker nav={data.nav} path={path} />
      </div>
      {data.periodOpen ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {fmt(e.summary.running, { date: formatDate(data.periodEnd) })}
        </p>
      ) : null}
      <Counts data={data} />
      <MembersTable data={data} />
      <Method data={data} />
      {data.canSettings ? (
        <WeightsForm
          key={`${data.currentWeights?.quantity}-${data.currentWeights?.quality}-${data.currentWeights?.timeliness}`}
          data={data}
          lastResult={weightsResult}
        />
      ) : null}
      {data.canSettings && data.lateExtensions ? <LateExtensionsForm key={data.lateExtensions} rule={data.lateExtensions} /> : null}
    </div>
  );
}
