// Decisions are impartial and atomic (architecture rule 9). Every approve / refuse / verify /
// score / finalise action in the services goes through these two helpers, so the rule reads the
// same everywhere and the user sees the same message wherever they meet it.
import { FieldError } from "../../utils/errors";

/**
 * Nobody decides their own case: refuses (a 400 with a message beside `field`) when the acting
 * member is one of the people the decision is about — the requester, the person concerned, the
 * one who did the work. `key` lets a section keep its own wording of the same rule.
 */
export function refuseOwnCase(actorMembershipId: string, parties: readonly (string | null | undefined)[], field = "version", key = "ownCase"): void {
  if (parties.some((p) => p === actorMembershipId)) throw new FieldError(field, key);
}

/**
 * The result of a decision's conditional write (`update … where id = ? and org_id = ? and status =
 * 'pending'`): exactly one row means this request decided; none means another decision got there
 * first, and this one is refused with "already decided" (its transaction rolls back, so nothing of
 * it remains). Checking the state and writing it in one statement keeps this right under
 * PostgreSQL's default isolation too, where a read-then-write in one transaction would not be.
 */
export function decidedOnce(res: { numUpdatedRows: bigint }, field = "version"): void {
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError(field, "alreadyDecided");
}

/** The refusal for a decision asked of something already decided (seen before any write). */
export function alreadyDecided(field = "version"): never {
  throw new FieldError(field, "alreadyDecided");
}
