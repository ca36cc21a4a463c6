/** Who acts, in which centre, at what time: the argument after `db` of every service that writes. */
export interface Ctx {
  orgId: string;
  actorUserId: string;
  /** The actor's membership in this centre. */
  membershipId: string;
  now: Date;
}
