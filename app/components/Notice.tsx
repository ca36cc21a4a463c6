import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useRef } from "react";
import type { Notice as NoticeData } from "~/i18n/sections/notices";

/**
 * The notice of the form that just succeeded, if any (read once by the root loader). Shown on the
 * page the redirect led to only: the root's data is not reloaded on a later link, so the notice is
 * tied to the location where it first appeared.
 */
export function useNotice(): (NoticeData & { text: string }) | null {
  const notice = useRouteLoaderData<{ notice?: (NoticeData & { text: string }) | null }>("root")?.notice ?? null;
  const location = useLocation();
  const seen = useRef<{ id: string; key: string } | null>(null);
  if (notice && seen.current?.id !== notice.id) seen.current = { id: notice.id, key: location.key };
  return notice && seen.current?.key === location.key ? notice : null;
}

/**
 * What the last form did, in words ("Đã gửi đề nghị đổi ca ngày 14/02/2026 cho Trần Thị Mai."): the
 * notice after a redirect, or `notice` — a settled action's (app/utils/notice.server.ts). Both come
 * in words already, in the reader's language (noticeText).
 */
export function Notice(props: { notice?: NoticeData & { text: string } }) {
  const redirected = useNotice();
  const notice = props.notice ?? redirected;
  if (!notice) return null;
  return (
    <p className="notice mb-4 [overflow-wrap:anywhere]" role="status" data-testid="notice">
      {notice.text}
    </p>
  );
}
