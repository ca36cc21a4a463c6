// The period an oversight page shows: a month, quarter or year as people type it (02/2026,
// Quý 1/2026, 2026), defaulting to the last full month: bodies compare closed periods. Pure.
import { periodKeyOf } from "../people/period";
import { previousReportPeriod, reportPeriod, type ReportPeriod } from "../reports/period";

export function groupPeriod(input: string | null | undefined, today: string): ReportPeriod {
  return reportPeriod(periodKeyOf(input)) ?? previousReportPeriod(reportPeriod(today.slice(0, 7))!);
}

/** A centre's name without "Trung tâm Phục vụ hành chính công" ("xã Tứ Kỳ"), for tables and charts. */
export function shortCentreName(name: string): string {
  return name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, "");
}
