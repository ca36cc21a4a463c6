import { useT } from "~/i18n";
import type { RefusalReason } from "~/utils/errors";

const FALLBACK = {
  notFoundTitle: "Không tìm thấy trang / Not found",
  notFoundText: "",
  forbiddenTitle: "Không có quyền truy cập / Forbidden",
  forbiddenText: "",
  serverTitle: "Đã có lỗi xảy ra / Something went wrong",
  serverText: "",
  badRequestTitle: "Yêu cầu không hợp lệ / Bad request",
  badRequestText: "",
  home: "Về trang chủ / Home",
  tooLargeTitle: "Dữ liệu gửi lên quá lớn / Too large",
  conflictTitle: "Yêu cầu đã được xử lý / Already handled",
  throttledTitle: "Quá nhiều yêu cầu / Too many requests",
  throttledText: "",
  reasons: {} as Record<RefusalReason, string>,
};

/** A friendly page for a refused or failed request; never shows error details. */
export function ErrorPage({ status, reason }: { status: number; reason?: string }) {
  // Without the root loader's data there is no dictionary: the bare status is still an answer.
  const t = useT().errorPages ?? FALLBACK;
  const [title, text] =
    status === 404
      ? [t.notFoundTitle, t.notFoundText]
      : status === 403
        ? [t.forbiddenTitle, t.forbiddenText]
        : status === 413
          ? [t.tooLargeTitle, t.reasons.formTooLarge]
          : status === 409
            ? [t.conflictTitle, t.reasons.alreadyDecided]
            : status === 429
              ? [t.throttledTitle, t.throttledText]
              : status >= 400 && status < 500
                ? [t.badRequestTitle, t.badRequestText]
                : [t.serverTitle, t.serverText];
  const detail = reason && reason in t.reasons ? t.reasons[reason as RefusalReason] : text;
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{detail}</p>
      <p className="mt-6">
        <a href="/" className="btn-primary">
          {t.home}
        </a>
      </p>
    </main>
  );
}
