import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { groupByDate, lunarLabel, summaryLine } from "~/modules/rosters/days";
import { rosterPage } from "~/modules/rosters/rosters.server";
import { vnDateOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { formatDate } from "~/utils/time";
import { metaMessages } from "~/i18n/meta";
import { balancedLines, issuerName, numberLine } from "~/modules/reports/document";
import { NumberLine } from "~/components/reports/ReportBody";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.roster.title ?? metaMessages(matches).rosters.title }];

/** The roster as an A4 page in the official style (Nghị định 30/2020/NĐ-CP), printed from the browser. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.view");
  const page = await rosterPage(context.db, member.org.id, params.rosterId!);
  if (page.roster.status === "draft" && !can(member.roles, "rosters.manage")) notFound();
  const signer = await context.db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.full_name as name", "m.title"])
    .where("m.org_id", "=", member.org.id)
    .where("m.id", "=", page.roster.published_by ?? page.roster.created_by)
    .executeTakeFirst();
  const dated = page.roster.published_at ? vnDateOf(new Date(page.roster.published_at)) : vnDateOf(context.now());
  return {
    org: { name: member.org.name, parentBody: member.org.parent_body, placeName: member.org.place_name },
    roster: page.roster,
    days: groupByDate(page.slots).map((d) => ({ ...d, lunar: lunarLabel(d.date) })),
    hasSecurity: page.slots.some((s) => s.kind === "security"),
    signer,
    dated,
    slug: member.org.slug,
  };
}

export default function RosterPrint() {
  const t = useT();
  const tp = t.rosters.printPage;
  const { org, roster, days, hasSecurity, signer, dated, slug } = useLoaderData<typeof loader>();
  const issuer = balancedLines(issuerName(org.name));
  const [y, m, d] = dated.split("-").map(Number) as [number, number, number];
  const two = (n: number) => String(n).padStart(2, "0");
  // A name never breaks inside itself, nor a phone number; the line may break between the two.
  const people = (slots: (typeof days)[number]["slots"], kind: string) =>
    slots
      .filter((s) => s.kind === kind && s.name)
      .map((s) => (
        <span key={s.id} className="block">
          <span className="whitespace-nowrap">{s.name}</span>
          {s.phone ? <span className="phone whitespace-nowrap">{` – ${s.phone}`}</span> : null}
        </span>
      ));
  return (
    <div className="roster-print mx-auto max-w-[210mm] bg-white px-6 py-6 text-black print:p-0">
      <style>{`@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
        .roster-print { font-family: Times New Roman, Liberation Serif, DejaVu Serif, serif; font-size: 13pt; }
        .roster-print table { border-collapse: collapse; width: 100%; }
        .roster-print th, .roster-print td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; font-size: 12pt; }
        @media print { .no-print { display: none !important; } html, body { background: #fff; } .roster-scroll { overflow: visible !important; } }
        /* A phone shows the same page smaller, the table in a box that scrolls sideways if need be;
           print media never matches (screen only), so the A4 page is unchanged. */
        @media screen and (max-width: 480px) {
          .roster-print { font-size: 11pt; padding-left: 12px; padding-right: 12px; }
          .roster-print th, .roster-print td { font-size: 10pt; padding: 3px 4px; }
          .roster-print .phone { display: block; }
        }`}</style>
      <p className="no-print mb-4 flex gap-3">
        <Link to={`/o/${slug}/rosters/${roster.id}`} className="btn-secondary">
          {tp.back}
        </Link>
      </p>
      <header className="grid grid-cols-[2fr_3fr] gap-4 text-center">
        <div>
          <p className="uppercase">{org.parentBody}</p>
          {issuer.map((l) => (
            <p key={l} className="font-bold uppercase">
              {l}
            </p>
          ))}
          <div className="mx-auto mt-1 w-24 border-t border-black" />
          <NumberLine text={numberLine("", "LT")} className="mt-3" />
        </div>
        <div>
          <p className="font-bold">{tp.motto1}</p>
          <p className="font-bold underline underline-offset-4">{tp.motto2}</p>
          <p className="mt-3 italic">
            {fmt(tp.dated, { place: org.placeName || "……", d: two(d), m: m < 3 ? two(m) : String(m), y })}
          </p>
        </div>
      </header>
      <h1 className="mt-6 text-center text-[14pt] font-bold">{tp.heading}</h1>
      {/* "LỊCH TRỰC" / "Tết Nguyên đán…", not "LỊCH TRỰC" / "Lịch trực Tết Nguyên đán…". */}
      <p className="text-center font-bold">{summaryLine(roster.title, tp.heading)}</p>
      <p className="mb-4 text-center italic">
        ({formatDate(roster.start_date)} – {formatDate(roster.end_date)})
      </p>
      {/* On a phone the A4 table scrolls sideways (focusable, for the keyboard); on paper it fits. */}
      <div className="roster-scroll overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label={roster.title}>
        <table>
          <thead>
            <tr>
              <th>{tp.weekday}</th>
              <th>{t.rosters.day}</th>
              <th>{t.rosters.lunar}</th>
              <th>{t.rosters.kind.leader}</th>
              <th>{t.rosters.kind.staff}</th>
              {hasSecurity ? <th>{t.rosters.kind.security}</th> : null}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <td>{t.rosters.weekdays[new Date(`${day.date}T00:00:00Z`).getUTCDay()]}</td>
                <td className="whitespace-nowrap">{formatDate(day.date)}</td>
                <td className="whitespace-nowrap">{day.lunar}</td>
                <td>{people(day.slots, "leader")}</td>
                <td>{people(day.slots, "staff")}</td>
                {hasSecurity ? <td>{people(day.slots, "security")}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="mt-6 grid grid-cols-2 gap-4">
        <div>
          <p className="text-[12pt] font-bold italic">{tp.recipients}</p>
          {tp.recipientLines.map((l) => (
            <p key={l} className="text-[11pt]">
              {l}
            </p>
          ))}
        </div>
        <div className="text-center">
          <p className="font-bold uppercase">{signer?.title || tp.signerTitle}</p>
          <div className="h-24" />
          <p className="font-bold">{signer?.name ?? ""}</p>
        </div>
      </footer>
      <p className="no-print mt-6">
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {tp.printButton}
        </button>
      </p>
    </div>
  );
}
