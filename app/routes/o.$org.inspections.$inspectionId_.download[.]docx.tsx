import type { LoaderFunctionArgs } from "@remix-run/node";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { inspectionViewerOf } from "~/modules/inspections/inspections.server";
import { recordFileName } from "~/modules/inspections/record";
import { recordDocx } from "~/modules/inspections/record-docx.server";
import { inspectionRecord } from "~/modules/inspections/record.server";
import { docxResponse } from "~/utils/downloads.server";

/** The inspection record (biên bản kiểm tra) as a Word document in the format of Nghị định 30/2020/NĐ-CP. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.viewAll");
  const viewer = inspectionViewerOf(ctxOf(member, context), member.roles);
  const record = await inspectionRecord(context.db, viewer, params.inspectionId!);
  return docxResponse(await recordDocx(record), recordFileName(record));
}
