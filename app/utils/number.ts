// The one number and percent formatter of the app (pages, charts, spreadsheets' text, the Word
// report). Vietnamese writes "1.234,5" and "97,92%"; English "1,234.5" and "97.92%". At most two
// decimals, trailing zeros dropped unless `decimals` fixes them. Written by hand rather than with
// Intl so that the server and every browser give the same text (no hydration mismatch).

export type NumberLocale = "vi" | "en";

const SEPARATORS: Record<NumberLocale, { group: string; decimal: string }> = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

export interface NumberOptions {
  /** Decimals shown at most (0..2, default 2); trailing zeros are dropped. */
  maxDecimals?: number;
  /** Exactly this many decimals (0..2), e.g. 1 for "85,0%". */
  decimals?: number;
  /** Group thousands (default true); false for years, codes and the like. */
  grouping?: boolean;
  /** "+" before positive numbers (changes: "+3,5"). */
  signed?: boolean;
}

/** A number as the language writes it: formatNumber(1234.5, "vi") → "1.234,5". */
export function formatNumber(n: number, locale: NumberLocale, opts: NumberOptions = {}): string {
  if (!Number.isFinite(n)) return "—";
  const { group, decimal } = SEPARATORS[locale] ?? SEPARATORS.vi;
  const places = Math.min(2, Math.max(0, opts.decimals ?? opts.maxDecimals ?? 2));
  const factor = 10 ** places;
  // Round half away from zero on the decimal value (EPSILON: 1.005 → 1.01, not 1.00).
  const rounded = Math.round((Math.abs(n) + Number.EPSILON) * factor) / factor;
  let [int = "0", frac = ""] = rounded.toFixed(places).split(".");
  if (opts.decimals === undefined) frac = frac.replace(/0+$/, "");
  if (opts.grouping !== false) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = n < 0 && rounded !== 0;
  const sign = negative ? "−" : opts.signed && rounded !== 0 ? "+" : "";
  return `${sign}${int}${frac ? `${decimal}${frac}` : ""}`;
}

/** A percentage given in percent units: formatPercent(97.9166, "vi") → "97,92%"; null → "—". */
export function formatPercent(percent: number | null | undefined, locale: NumberLocale, opts: NumberOptions = {}): string {
  if (percent === null || percent === undefined) return "—";
  return `${formatNumber(percent, locale, opts)}%`;
}

/** A share 0..1 as a percentage: formatShare(0.9792, "en") → "97.92%". */
export function formatShare(share: number | null | undefined, locale: NumberLocale, opts: NumberOptions = {}): string {
  if (share === null || share === undefined) return "—";
  return formatPercent(share * 100, locale, opts);
}
