import type { LoaderFunctionArgs } from "@remix-run/node";
import { PassThrough, Readable } from "node:stream";
import { messages } from "~/i18n/messages.server";
import { requireMember } from "~/modules/auth/guard.server";
import { auditExport, claimExportSlot, exportCentreArchive } from "~/modules/exports/centre-archive.server";
import { vnDateOf } from "~/utils/dates";
import { zipResponse } from "~/utils/downloads.server";

/**
 * All the centre's data as one ZIP, streamed while it is packed (docs/decisions/0045). One export
 * per centre and a few per server at a time: otherwise 429 with the reason in words. A resource
 * route: no render time limit applies; the export's own limit is EXPORT_TIME_LIMIT_MS.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.export");
  const slot = claimExportSlot(member.org.id);
  if ("busy" in slot) {
    const t = messages(member.user.locale).centreExport;
    return new Response(slot.busy === "centre" ? t.busyCentre : t.busyServer, {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60", "Cache-Control": "no-store" },
    });
  }
  const now = context.now();
  const out = new PassThrough();
  const base = { orgId: member.org.id, actorUserId: member.user.id, at: now, via: "web" as const };
  // Runs in this request's scope (bound to the centre by requireMember) while the body streams.
  exportCentreArchive(context.db, context.files, member.org, out, { now })
    .then((summary) => auditExport(context.db, { ...base, summary }))
    .catch((err: unknown) => auditExport(context.db, { ...base, error: err instanceof Error ? err.message : String(err) }).catch(() => {}))
    .finally(slot.release);
  return zipResponse(Readable.toWeb(out) as ReadableStream<Uint8Array>, `ro-viec-${member.org.slug}-${vnDateOf(now)}.zip`);
}
