import type { InputHTMLAttributes } from "react";
import { formatDate } from "~/utils/time";

/**
 * A date typed and shown as dd/mm/yyyy whatever the browser's language (a native date field shows
 * mm/dd/yyyy on an English-language browser, common on commune PCs). The server reads dd/mm/yyyy
 * and YYYY-MM-DD alike (parseDateInput); a YYYY-MM-DD default is shown as dd/mm/yyyy.
 */
export function DateInput({ defaultValue, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  const value = typeof defaultValue === "string" && /^\d{4}-\d{2}-\d{2}$/.test(defaultValue) ? formatDate(defaultValue) : defaultValue;
  // `min`/`max` only apply to native date fields; the server checks the range.
  const { min: _min, max: _max, type: _type, ...rest } = props;
  return <input {...rest} type="text" inputMode="numeric" autoComplete="off" placeholder="dd/mm/yyyy" maxLength={10} defaultValue={value} />;
}
