import type { LoaderFunctionArgs } from "@remix-run/node";
import { activeCentres, requireOverseer } from "~/modules/auth/guard.server";
import { consolidatedDocx } from "~/modules/oversight/docx.server";
import { groupComparison } from "~/modules/oversight/oversight.server";
import { groupPeriod } from "~/modules/oversight/period";
import { vnDateOf } from "~/utils/dates";
import { docxResponse } from "~/utils/downloads.server";

/** The group's consolidated report for a period (?period=), a draft in the official layout. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const overseer = await requireOverseer(request, context, params.group);
  const now = context.now();
  const today = vnDateOf(now);
  const period = groupPeriod(new URL(request.url).searchParams.get("period"), today);
  const rows = await groupComparison(context.db, activeCentres(overseer), period, now);
  const body = await consolidatedDocx(overseer.group, period, rows, today);
  return docxResponse(body, `bao-cao-tong-hop-${overseer.group.slug}-${period.key}.docx`);
}
