import type { LoaderFunctionArgs } from "@remix-run/node";
import { fmt } from "~/i18n";
import { messages } from "~/i18n/messages.server";
import { requireMember } from "~/modules/auth/guard.server";
import { parseYear, yearPeriodKeys } from "~/modules/evaluation/annual";
import { yearEvaluations, yearRowOf, type YearRow } from "~/modules/evaluation/annual.server";
import { tableWorkbook, type Column } from "~/modules/exports/xlsx.server";
import { vnDateOf } from "~/utils/dates";
import { xlsxResponse } from "~/utils/downloads.server";

/**
 * The centre's year as a spreadsheet (directors, deputies, admins): one row per member with each
 * finalised month's and quarter's total, the year's figures and band. Figures are the displayed
 * ones (rounded down to hundredths once), real numbers in the cells.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "evaluations.viewAll");
  // A malformed year falls back to the current one.
  const year = parseYear(new URL(request.url).searchParams.get("year")) ?? Number(vnDateOf(context.now()).slice(0, 4));
  const page = await yearEvaluations(context.db, member.org.id, year);
  const rows = page.rows.map((r, i) => ({ ...yearRowOf(r), no: i + 1 }));
  const t = messages(member.user.locale);
  const a = t.annual;
  const c = a.xlsx.cols;
  const { months, quarters } = yearPeriodKeys(year);
  const periodColumn = (key: string, header: string): Column<YearRow & { no: number }> => ({
    header,
    width: 9,
    format: "0.00",
    value: (r) => {
      const cell = r.periods.find((p) => p.key === key);
      return cell?.status === "finalised" ? cell.total : null;
    },
  });
  const body = tableWorkbook({
    sheetName: fmt(a.xlsx.sheet, { year }),
    title: [member.org.name, fmt(a.xlsx.title, { year })],
    rows,
    columns: [
      { header: c.no, width: 6, value: (r) => r.no },
      { header: c.name, width: 26, value: (r) => r.name },
      { header: c.position, width: 30, value: (r) => r.positionName ?? r.title },
      ...months.map((k) => periodColumn(k, fmt(c.month, { m: Number(k.slice(5, 7)) }))),
      ...quarters.map((k) => periodColumn(k, fmt(c.quarter, { q: k.slice(6) }))),
      { header: c.basis, width: 9, value: (r) => (r.basis ? a.xlsx.basis[r.basis] : "") },
      { header: c.counted, width: 9, value: (r) => r.counted },
      { header: c.periodTotal, width: 12, format: "0.00", value: (r) => r.periodTotal },
      { header: c.taskPoints, width: 12, format: "0.00", value: (r) => r.taskPoints },
      { header: c.general, width: 12, format: "0.00", value: (r) => r.generalPoints },
      { header: c.total, width: 12, format: "0.00", value: (r) => r.total },
      { header: c.band, width: 30, value: (r) => (r.band ? t.evaluations.bands[r.band] : t.evaluations.noBand) },
      { header: c.provisional, width: 10, value: (r) => (r.band && r.provisional ? t.common.yes : "") },
      { header: c.cap, width: 14, value: (r) => (r.cap ? a.xlsx.caps[r.cap] : "") },
      { header: c.self, width: 30, value: (r) => (r.selfBand ? t.evaluations.bands[r.selfBand] : "") },
      { header: c.status, width: 16, value: (r) => (r.decidedHere ? a.status[r.status] : a.superior) },
    ],
  });
  return xlsxResponse(body, `xep-loai-nam-${year}.xlsx`);
}
