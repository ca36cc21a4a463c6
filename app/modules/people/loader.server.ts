import type { AppLoadContext } from "@remix-run/node";
import { requireMember } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { parsePeriodKey, vnDateOf } from "../../utils/dates";
import { notFound } from "../../utils/errors";
import { periodKeyOf } from "./period";
import { personView } from "./people.server";

/**
 * The loader of a person view (/people/:memberId and /me): one's own view, everyone's for admins,
 * directors and deputies, the attendance and conduct parts of everyone's for inspectors; else 404.
 */
export async function loadPersonView(request: Request, context: AppLoadContext, orgSlug: string | undefined, memberId: string | null) {
  const member = await requireMember(request, context, orgSlug, "centre.view");
  const target = memberId ?? member.membershipId;
  const self = target === member.membershipId;
  const full = self || can(member.roles, "people.viewAll");
  if (!full && !can(member.roles, "people.viewConduct")) notFound();
  const now = context.now();
  const today = vnDateOf(now);
  const period = parsePeriodKey(periodKeyOf(new URL(request.url).searchParams.get("period"))) ?? parsePeriodKey(today.slice(0, 7))!;
  const view = await personView(context.db, member.org.id, target, period, now);
  return {
    view: full ? view : { ...view, openTasks: [], tasks: null, trend: view.trend.map((m) => ({ ...m, onTimeRate: null })) },
    full,
    // Figures and open tasks link to the task pages only for those who may open them.
    tasksLink: self ? ("mine" as const) : can(member.roles, "tasks.viewAll") ? ("all" as const) : null,
    period,
    today,
    slug: member.org.slug,
    self,
  };
}
