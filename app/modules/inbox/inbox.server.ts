// "Chờ tôi xử lý": what waits for the signed-in member's decision, gathered from the modules that
// own each kind. Each kind is one indexed query of its module, filtered to what this member may
// decide (their roles) and never their own case; the counts for the header and the dashboard are
// one statement of scalar subqueries, each capped.
import type { AliasedSelectQueryBuilder } from "kysely";
import type { Executor } from "../../../db/schema";
import { correctionsAwaiting } from "../attendance/attendance.server";
import { can, type Role } from "../auth/permissions";
import { memberNames } from "../org/members.server";
import { explanationsAwaiting } from "../inspections/inspections.server";
import { leaveAwaiting } from "../leave/leave.server";
import { swapAnswersAwaiting, swapApprovalsAwaiting } from "../rosters/rosters.server";
import { extensionsAwaiting, submissionsAwaiting } from "../tasks/queries.server";

import { INBOX_KINDS, INBOX_LIMIT, type InboxKind } from "./kinds";

interface InboxMember {
  orgId: string;
  membershipId: string;
  roles: readonly Role[];
}

/** The query of each kind this member may decide (null: their roles never decide it). */
function sources(db: Executor, m: InboxMember) {
  const { orgId, membershipId: me, roles } = m;
  return {
    // Approvers are named on the task; the task module refuses anyone else.
    tasks: submissionsAwaiting(db, orgId, me),
    extensions: extensionsAwaiting(db, orgId, me),
    leave: can(roles, "leave.decide") ? leaveAwaiting(db, orgId, me) : null,
    corrections: can(roles, "attendance.decide") ? correctionsAwaiting(db, orgId, me) : null,
    swapAnswers: swapAnswersAwaiting(db, orgId, me),
    swapApprovals: can(roles, "rosters.manage") ? swapApprovalsAwaiting(db, orgId, me) : null,
    explanations: can(roles, "inspections.conduct") ? explanationsAwaiting(db, orgId, me) : null,
  };
}

// The kinds' row shapes differ; counting only needs each as a subquery.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AliasedQuery = AliasedSelectQueryBuilder<any, "x">;

type InboxCounts = Record<InboxKind, number> & { total: number };

/** How many items of each kind wait for the member (each capped at INBOX_LIMIT): one statement. */
export async function inboxCounts(db: Executor, m: InboxMember): Promise<InboxCounts> {
  const q = sources(db, m) as Record<InboxKind, { limit(n: number): { as(a: "x"): AliasedQuery } } | null>;
  const kinds = INBOX_KINDS.filter((k) => q[k] !== null);
  const row = (await db
    .selectNoFrom((eb) =>
      kinds.map((k) =>
        eb
          .selectFrom(q[k]!.limit(INBOX_LIMIT).as("x"))
          .select((e) => e.fn.countAll<number>().as("n"))
          .as(k),
      ),
    )
    .executeTakeFirst()) as Record<string, number | null> | undefined;
  const counts = Object.fromEntries(INBOX_KINDS.map((k) => [k, Number(row?.[k] ?? 0)])) as Record<InboxKind, number>;
  return { ...counts, total: INBOX_KINDS.reduce((s, k) => s + counts[k], 0) };
}

/** The items themselves, for the inbox page: one query per kind, oldest first, and one for the names. */
export async function inboxItems(db: Executor, m: InboxMember) {
  const q = sources(db, m);
  const [tasks, extensions, leave, corrections, swapAnswers, swapApprovals, explanations] = await Promise.all([
    q.tasks.orderBy("t.updated_at").limit(INBOX_LIMIT).execute(),
    q.extensions.orderBy("x.created_at").limit(INBOX_LIMIT).execute(),
    q.leave ? q.leave.orderBy("l.created_at").limit(INBOX_LIMIT).execute() : null,
    q.corrections ? q.corrections.orderBy("c.created_at").limit(INBOX_LIMIT).execute() : null,
    q.swapAnswers.orderBy("w.created_at").limit(INBOX_LIMIT).execute(),
    q.swapApprovals ? q.swapApprovals.orderBy("w.created_at").limit(INBOX_LIMIT).execute() : null,
    q.explanations ? q.explanations.orderBy("c.explained_at").limit(INBOX_LIMIT).execute() : null,
  ]);
  // Who each item is from (and, for a swap, whom it is to), from the member directory.
  const names = await memberNames(db, m.orgId, [
    ...[tasks, extensions, leave, corrections, swapAnswers, swapApprovals, explanations].flatMap((rows) => (rows ?? []).map((r) => r.whoId)),
    ...[swapAnswers, swapApprovals].flatMap((rows) => (rows ?? []).map((r) => r.targetId)),
  ]);
  const who = <T extends { whoId: string }>({ whoId, ...r }: T) => ({ ...r, who: names.get(whoId) ?? "" });
  const swap = <T extends { whoId: string; targetId: string }>({ targetId, ...r }: T) => ({ ...who(r), targetName: names.get(targetId) ?? "" });
  return {
    // A task may have no assignee: then nobody is named.
    tasks: tasks.map(({ whoId, ...r }) => ({ ...r, who: whoId ? (names.get(whoId) ?? "") : null })),
    extensions: extensions.map(who),
    leave: leave?.map(who) ?? null,
    corrections: corrections?.map(who) ?? null,
    swapAnswers: swapAnswers.map(swap),
    swapApprovals: swapApprovals?.map(swap) ?? null,
    explanations: explanations?.map(who) ?? null,
  };
}
