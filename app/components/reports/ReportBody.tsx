// Pieces of the report pages: a table of figures, and the report's text laid out as the document
// lays it out (headings, paragraphs, dash items, tables), for the report page and the print page.
import { SECTION_HEADINGS, SECTIONS, sectionBlocks, type FigureTable, type SectionKey, type TableKey } from "~/modules/reports/document";

/** A table of figures: indicator, this period, previous period, change. */
export function FigureTableView({ table, n, official = false }: { table: FigureTable; n?: number; official?: boolean }) {
  const caption = n ? `Bảng ${n}. ${table.caption}` : table.caption;
  if (official) {
    return (
      <table className="figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.header.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r[0]}>
              {r.map((c, i) => (
                <td key={i} className={i === 1 ? "text-left" : "text-center"}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <div data-testid={`table-${table.key}`}>
      <h3 className="pb-2 font-semibold text-slate-800">{caption}</h3>
      {/* Phone: one line per indicator, the two periods and the change below it. */}
      <dl className="divide-y divide-slate-100 text-sm sm:hidden">
        {table.rows.map((r) => (
          <div key={r[0]} className="py-1.5">
            <dt>{r[1]}</dt>
            <dd className="mt-0.5 flex flex-wrap gap-x-3 text-slate-600 tabular-nums">
              <span>
                {table.header[2]}: <span className="font-medium text-slate-900">{r[2]}</span>
              </span>
              <span>
                {table.header[3]}: {r[3]}
              </span>
              <span aria-label={table.header[4]}>({r[4]})</span>
            </dd>
          </div>
        ))}
      </dl>
      <div className="hidden overflow-x-auto sm:block">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col" className="w-10">
                {table.header[0]}
              </th>
              <th scope="col">{table.header[1]}</th>
              <th scope="col" className="text-right">
                {table.header[2]}
              </th>
              <th scope="col" className="text-right">
                {table.header[3]}
              </th>
              <th scope="col" className="text-right">
                {table.header[4]}
              </th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r[0]}>
                <td className="text-slate-500">{r[0]}</td>
                <td>{r[1]}</td>
                <td className="text-right font-medium tabular-nums">{r[2]}</td>
                <td className="text-right tabular-nums text-slate-600">{r[3]}</td>
                <td className="text-right tabular-nums text-slate-700">{r[4]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The six sections as the document shows them. */
export function ReportBodyView({ sections, tables, official = false }: { sections: Record<SectionKey, string>; tables: Record<TableKey, FigureTable>; official?: boolean }) {
  let tableNo = 0;
  return (
    <div className={official ? "report-body" : "space-y-2 text-slate-800"}>
      {SECTIONS.map((key) => (
        <section key={key}>
          <h2 className={official ? "heading" : "mt-4 font-semibold"}>{SECTION_HEADINGS[key]}</h2>
          {sectionBlocks(sections[key]).map((b, i) => {
            if (b.type === "table") {
              tableNo += 1;
              return (
                <div key={i} className={official ? "" : "my-3"}>
                  <FigureTableView table={tables[b.key]} n={tableNo} official={official} />
                </div>
              );
            }
            if (b.type === "heading")
              return (
                <h3 key={i} className={official ? `heading${b.level === 3 ? " sub" : ""}` : "mt-2 font-medium"}>
                  {b.text}
                </h3>
              );
            return (
              <p key={i} className={official ? "para" : "mt-1"}>
                {b.text}
              </p>
            );
          })}
        </section>
      ))}
    </div>
  );
}

/**
 * The number line of an official document as printed: "Số: 04/BC-TTPVHCC", or with room left to
 * write the number by hand ("Số:        /BB-TTPVHCC"), which HTML would otherwise collapse.
 */
export function NumberLine({ text, className }: { text: string; className?: string }) {
  const slash = text.indexOf("/");
  const head = slash < 0 ? text : text.slice(0, slash);
  if (slash < 0 || head.trim() !== "Số:") return <p className={className}>{text}</p>;
  return (
    <p className={className}>
      {head.trim()} <span className="inline-block w-12" /> <span className="whitespace-nowrap">{text.slice(slash)}</span>
    </p>
  );
}

/**
 * The heading of an official document as printed (NĐ 30/2020): the body above and the issuer on
 * the left, the national motto on the right, then the number line and the place and date.
 */
export function DocumentHeading({ parentBody, issuer, number, dated }: { parentBody: string; issuer: readonly string[]; number: string; dated: string }) {
  return (
    <header className="grid grid-cols-[2fr_3fr] gap-x-2 text-center">
      <div>
        <p className="text-[12pt] uppercase">{parentBody}</p>
        {issuer.map((l) => (
          <p key={l} className="text-[12pt] font-bold uppercase">
            {l}
          </p>
        ))}
        <div className="mx-auto mt-1 w-1/3 border-t border-black" />
      </div>
      <div>
        <p className="text-[12pt] font-bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
        <p className="text-[13pt] font-bold underline underline-offset-4">Độc lập - Tự do - Hạnh phúc</p>
      </div>
      <NumberLine text={number} className="mt-2 text-[13pt]" />
      <p className="mt-2 italic">{dated}</p>
    </header>
  );
}
