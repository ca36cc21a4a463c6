import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";

// Table types for Kysely. Instants are ISO-8601 UTC strings, calendar dates YYYY-MM-DD,
// booleans 0/1 integers (portable between SQLite and PostgreSQL).

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  parent_body: string;
  province: string;
  place_name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  full_name_search: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  must_change_password: Generated<number>;
  locale: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: string;
  last_verified_at: string;
  expires_at: string;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  last_failure_at: string;
  blocked_until: string;
}

export interface PositionsTable {
  id: string;
  org_id: string;
  name: string;
  counter: string;
  duties: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  org_id: string;
  user_id: string;
  title: string;
  position_id: string | null;
  /** Comma-separated role keys, e.g. "deputy,inspector". */
  roles: string;
  active: number;
  joined_on: string;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface PositionAssignmentsTable {
  id: string;
  org_id: string;
  membership_id: string;
  position_id: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  org_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string;
  created_at: string;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  positions: PositionsTable;
  memberships: MembershipsTable;
  position_assignments: PositionAssignmentsTable;
  audit_log: AuditLogTable;
}

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: services accept both. */
export type Executor = DB | Tx;

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type Position = Selectable<PositionsTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
