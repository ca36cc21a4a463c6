import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { metaMessages } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { inspectionViewerOf } from "~/modules/inspections/inspections.server";
import { RECORD_KIND, RECORD_SUMMARY, RECORD_TITLE, recordBlocks, recordSigners } from "~/modules/inspections/record";
import { inspectionRecord } from "~/modules/inspections/record.server";
import { balancedLines, issuerName, numberLine } from "~/modules/reports/document";
import { placeDateLine } from "~/modules/reports/period";
import { DocumentHeading } from "~/components/reports/ReportBody";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `Biên bản kiểm tra ${data.dated.replace(/^.*?, /, "")}` : metaMessages(matches).inspections.title },
];

/** The inspection record (biên bản kiểm tra) as an A4 page in the official style (NĐ 30/2020), printed from the browser. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.viewAll");
  const viewer = inspectionViewerOf(ctxOf(member, context), member.roles);
  const record = await inspectionRecord(context.db, viewer, params.inspectionId!);
  return {
    id: params.inspectionId!,
    draft: record.draft,
    parentBody: record.org.parentBody.toLocaleUpperCase("vi"),
    issuer: balancedLines(issuerName(record.org.name)),
    number: numberLine("", RECORD_KIND),
    dated: placeDateLine(record.org.placeName, record.date),
    blocks: recordBlocks(record),
    signers: recordSigners(record),
    slug: member.org.slug,
  };
}

function Signer({ s }: { s: { titles: string[]; note: string; names: string[] } }) {
  return (
    <div className="text-center">
      {s.titles.map((l) => (
        <p key={l} className="font-bold">
          {l}
        </p>
      ))}
      <p className="text-[12pt] italic">{s.note}</p>
      {s.names.map((n, i) => (
        <p key={`${n}-${i}`} className="pt-20 font-bold">
          {n}
        </p>
      ))}
    </div>
  );
}

export default function InspectionRecordPrint() {
  const t = useT();
  const tr = t.inspections.record;
  const d = useLoaderData<typeof loader>();
  return (
    <div className="record-print mx-auto max-w-[210mm] bg-white px-4 py-6 text-black sm:px-6 print:p-0">
      {/* No quotes in this CSS: React escapes them in a <style> element. */}
      <style>{`@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-family: Times New Roman, Liberation Serif, serif; font-size: 13pt; } }
        @page :first { @top-center { content: none; } }
        .record-print { font-family: Times New Roman, Liberation Serif, DejaVu Serif, serif; font-size: 14pt; line-height: 1.3; color: #000; overflow-wrap: anywhere; }
        .record-print .heading { font-weight: bold; text-indent: 1.27cm; margin: 6pt 0 0; break-after: avoid; }
        .record-print .sub { font-weight: bold; text-indent: 1.27cm; margin: 4pt 0 0; break-after: avoid; }
        .record-print .para, .record-print .item { text-indent: 1.27cm; text-align: justify; margin: 4pt 0 0; }
        .record-print .dots { border-bottom: 1px dotted #000; height: 1.4em; }
        .record-print .signers { break-inside: avoid; }
        @media print { .no-print { display: none !important; } html, body { background: #fff; } }`}</style>
      <p className="no-print mb-4 flex flex-wrap gap-3 font-sans text-base">
        <Link to={`/o/${d.slug}/inspections/${d.id}`} className="btn-secondary">
          {tr.back}
        </Link>
        <a href={`/o/${d.slug}/inspections/${d.id}/download.docx`} className="btn-secondary" download>
          {tr.download}
        </a>
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {tr.printButton}
        </button>
      </p>
      {d.draft ? <p className="text-[12pt] font-bold">DỰ THẢO</p> : null}
      <DocumentHeading parentBody={d.parentBody} issuer={d.issuer} number={d.number} dated={d.dated} />
      <h1 className="mt-8 text-center text-[14pt] font-bold">{RECORD_TITLE}</h1>
      <p className="text-center font-bold">{RECORD_SUMMARY}</p>
      <div className="mx-auto mb-2 mt-1 w-40 border-t border-black" />
      <div data-testid="record-body">
        {d.blocks.map((b, i) =>
          b.type === "dots" ? (
            <div key={i} aria-hidden="true">
              {Array.from({ length: b.lines }, (_, j) => (
                <div key={j} className="dots" />
              ))}
            </div>
          ) : b.type === "heading" ? (
            <h2 key={i} className="heading">
              {b.text}
            </h2>
          ) : (
            <p key={i} className={b.type}>
              {b.text}
            </p>
          ),
        )}
      </div>
      <footer className="signers mt-6 space-y-8">
        <div className="grid grid-cols-2 gap-4">
          <Signer s={d.signers.members} />
          <Signer s={d.signers.inspector} />
        </div>
        <Signer s={d.signers.leader} />
      </footer>
    </div>
  );
}
