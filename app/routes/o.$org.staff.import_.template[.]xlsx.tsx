import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/modules/auth/guard.server";
import { importTemplate } from "~/modules/org/import.server";
import { listPositions } from "~/modules/org/org.server";
import { xlsxResponse } from "~/utils/downloads.server";

/** The staff import template: the header row, and a sheet with the centre's positions and the roles. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.import");
  const positions = await listPositions(context.db, member.org.id);
  return xlsxResponse(await importTemplate(positions), "mau-nhap-can-bo.xlsx");
}
