import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { parseYear } from "~/modules/evaluation/annual";
import { annualDocx, annualDocxFileName } from "~/modules/evaluation/annual-docx.server";
import { memberYear } from "~/modules/evaluation/annual.server";
import { vnDateOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { docxResponse } from "~/utils/downloads.server";

/** A member's annual rating form (phiếu đánh giá, xếp loại chất lượng) as a Word document; staff reach only their own. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "evaluations.view");
  const target = params.memberId ?? "";
  if (!can(member.roles, "evaluations.viewAll") && target !== member.membershipId) notFound();
  // A malformed year falls back to the current one.
  const year = parseYear(new URL(request.url).searchParams.get("year")) ?? Number(vnDateOf(context.now()).slice(0, 4));
  const page = await memberYear(context.db, member.org.id, target, year);
  const body = await annualDocx({
    parentBody: member.org.parent_body,
    centreName: member.org.name,
    place: member.org.place_name,
    evaluation: page.evaluation,
    evaluatedByName: page.evaluatedByName,
    finalisedByName: page.finalisedByName,
  });
  return docxResponse(body, annualDocxFileName(year, page.evaluation.name));
}
