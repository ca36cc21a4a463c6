import type { LoaderFunctionArgs } from "@remix-run/node";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { inspectionViewerOf, photoForViewer } from "~/modules/inspections/inspections.server";
import { readPhoto } from "~/modules/inspections/photos.server";
import { notFound } from "~/utils/errors";

/**
 * Serves one photo of an inspection, only to someone who may see it: leaders, inspectors and the
 * inspector who took it see every photo; an inspected member sees the photos about them once the
 * inspection is submitted. Everyone else, and every other centre, gets 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.view");
  const viewer = inspectionViewerOf(ctxOf(member, context), member.roles);
  const photo = await photoForViewer(context.db, viewer, params.evidenceId!);
  const body = await readPhoto(context.files, member.org.id, photo.storage_key);
  if (!body) notFound();
  const ascii = photo.file_name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "anh-minh-chung";
  return new Response(new Uint8Array(body), {
    headers: {
      // The type we detected from the content when it was uploaded, never the browser's claim.
      "Content-Type": photo.content_type,
      "Content-Length": String(body.length),
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(photo.file_name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
