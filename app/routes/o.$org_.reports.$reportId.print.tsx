import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { metaMessages } from "~/i18n/meta";
import { requireMember } from "~/modules/auth/guard.server";
import { balancedLines, issuerName, numberLine, recipientLines, signerLines } from "~/modules/reports/document";
import { placeDateLine } from "~/modules/reports/period";
import { reportView } from "~/modules/reports/reports.server";
import { DocumentHeading, ReportBodyView } from "~/components/reports/ReportBody";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `Báo cáo ${data.title}` : metaMessages(matches).reports.title }];

/** The report as A4 pages in the official style (Nghị định 30/2020/NĐ-CP), printed from the browser. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.view");
  const view = await reportView(context.db, member.org.id, params.reportId!, context.now());
  const { row } = view;
  return {
    id: row.id,
    draft: row.status === "draft",
    parentBody: view.org.parent_body.toLocaleUpperCase("vi"),
    issuer: balancedLines(issuerName(view.org.name)),
    number: numberLine(row.number),
    dated: placeDateLine(row.place, row.report_date),
    title: row.title,
    sections: view.sections,
    tables: view.tables,
    recipients: recipientLines(row.recipients),
    signerTitle: signerLines(row.signer_title),
    signerName: row.signer_name,
    slug: member.org.slug,
  };
}

export default function ReportPrint() {
  const t = useT();
  const tp = t.reports.printPage;
  const d = useLoaderData<typeof loader>();
  return (
    <div className="report-print mx-auto max-w-[210mm] bg-white px-6 py-6 text-black print:p-0">
      {/* No quotes in this CSS: React escapes them in a <style> element. */}
      <style>{`@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-family: Times New Roman, Liberation Serif, serif; font-size: 13pt; } }
        @page :first { @top-center { content: none; } }
        .report-print { font-family: Times New Roman, Liberation Serif, DejaVu Serif, serif; font-size: 14pt; line-height: 1.2; color: #000; }
        .report-print .report-body .heading { font-size: 14pt; font-weight: bold; text-indent: 1.27cm; margin: 6pt 0 0; text-align: justify; break-after: avoid; }
        .report-print .report-body .heading.sub { font-style: italic; }
        .report-print .report-body .para { text-indent: 1.27cm; text-align: justify; margin: 6pt 0 0; }
        .report-print table.figures { border-collapse: collapse; width: 100%; margin: 4pt 0 6pt; }
        .report-print table.figures caption { font-weight: bold; font-size: 13pt; padding: 8pt 0 4pt; }
        .report-print table.figures th, .report-print table.figures td { border: 1px solid #000; padding: 2pt 4pt; font-size: 12pt; vertical-align: middle; }
        .report-print table.figures tr { break-inside: avoid; }
        @media print { .no-print { display: none !important; } html, body { background: #fff; } }`}</style>
      <p className="no-print mb-4 flex gap-3">
        <Link to={`/o/${d.slug}/reports/${d.id}`} className="btn-secondary">
          {tp.back}
        </Link>
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {tp.printButton}
        </button>
      </p>
      {d.draft ? <p className="text-[12pt] font-bold">{tp.draftMark}</p> : null}
      <DocumentHeading parentBody={d.parentBody} issuer={d.issuer} number={d.number} dated={d.dated} />
      <h1 className="mt-8 text-center text-[14pt] font-bold">BÁO CÁO</h1>
      <p className="text-center font-bold">{d.title}</p>
      <div className="mx-auto mb-2 mt-1 w-40 border-t border-black" />
      <ReportBodyView sections={d.sections} tables={d.tables} official />
      <footer className="mt-6 grid grid-cols-2 gap-4 break-inside-avoid">
        <div>
          <p className="text-[12pt] font-bold italic">Nơi nhận:</p>
          {d.recipients.map((l) => (
            <p key={l} className="text-[11pt]">
              {l}
            </p>
          ))}
        </div>
        <div className="text-center">
          {d.signerTitle.map((l) => (
            <p key={l} className="font-bold">
              {l}
            </p>
          ))}
          <div className="h-28" />
          <p className="font-bold">{d.signerName}</p>
        </div>
      </footer>
    </div>
  );
}
