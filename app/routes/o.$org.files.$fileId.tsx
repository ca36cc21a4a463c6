import type { LoaderFunctionArgs } from "@remix-run/node";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { attachmentOf, readStoredFile } from "~/modules/files/files.server";
import { loadTask, viewerOf } from "~/modules/tasks/tasks.server";
import { notFound } from "~/utils/errors";

/** Downloads an attachment; only for people who may see the task it belongs to. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const file = await attachmentOf(context.db, member.org.id, params.fileId!);
  if (!file || !file.taskId) notFound();
  await loadTask(context.db, viewerOf(ctxOf(member, context), member.roles), file.taskId);
  const body = await readStoredFile(context.files, member.org.id, file.storageKey);
  if (!body) notFound();
  const ascii = file.fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "tep-dinh-kem";
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
