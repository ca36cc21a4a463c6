import type { LoaderFunctionArgs } from "@remix-run/node";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { readStoredFile } from "~/modules/files/files.server";
import { loadTask, viewerOf } from "~/modules/tasks/tasks.server";
import { notFound } from "~/utils/errors";

/** Downloads an attachment; only for people who may see the task it belongs to. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const file = await context.db
    .selectFrom("attachments")
    .selectAll()
    .where("org_id", "=", member.org.id)
    .where("id", "=", params.fileId!)
    .executeTakeFirst();
  if (!file || !file.task_id) notFound();
  await loadTask(context.db, viewerOf(ctxOf(member, context), member.roles), file.task_id);
  let body: Buffer;
  try {
    body = await readStoredFile(context.config.filesDir, file.storage_key);
  } catch {
    notFound();
  }
  const ascii = file.file_name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "tep-dinh-kem";
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": file.content_type,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
