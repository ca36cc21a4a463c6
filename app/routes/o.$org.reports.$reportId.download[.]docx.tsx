import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/modules/auth/guard.server";
import { reportDocx } from "~/modules/reports/docx.server";
import { docxFileName, reportView } from "~/modules/reports/reports.server";
import { docxResponse } from "~/utils/downloads.server";

/** The report as a Word document in the format of Nghị định 30/2020/NĐ-CP. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.view");
  const view = await reportView(context.db, member.org.id, params.reportId!, context.now());
  const { row } = view;
  const body = await reportDocx({
    parentBody: view.org.parent_body,
    centreName: view.org.name,
    number: row.number,
    place: row.place,
    date: row.report_date,
    title: row.title,
    sections: view.sections,
    tables: view.tables,
    recipients: row.recipients,
    signerTitle: row.signer_title,
    signerName: row.signer_name,
    draft: row.status === "draft",
  });
  return docxResponse(body, docxFileName(row));
}
