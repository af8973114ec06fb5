import { sql, type Kysely } from "kysely";

// People, not only keys (issue 25): accounts that sign in with an email and password (or, later,
// OpenID Connect), each a member of one or more tenants with a role.
// - users: installation-wide (one person, several tenants); only an argon2id hash of the
//   password is kept. failed_sign_ins / locked_until lock an account after repeated failures.
// - memberships: a user's role in a tenant (owner, admin, member, viewer).
// - invitations: a one-time link (only its SHA-256 stored) that makes its holder a member.
// - sessions: a session belongs to a key (as before) or to a user, who acts in one tenant at a time.
// - tenants.viewers_see_content: whether viewers see inputs and outputs (default yes).
// - access_log.actor_kind gains `user`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table users (
      id bigint generated always as identity primary key,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      display_name text check (length(display_name) <= 100),
      password_hash text,
      failed_sign_ins integer not null default 0 check (failed_sign_ins >= 0),
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      disabled_at timestamptz
    )`.execute(db);
  await sql`create unique index users_email_key on users (email)`.execute(db);

  await sql`
    create table memberships (
      tenant_id text not null references tenants (id) on delete cascade,
      user_id bigint not null references users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      created_at timestamptz not null default now(),
      constraint memberships_pkey primary key (tenant_id, user_id)
    )`.execute(db);
  await sql`create index memberships_user_idx on memberships (user_id)`.execute(db);

  await sql`
    create table invitations (
      id bigint generated always as identity primary key,
      tenant_id text not null references tenants (id) on delete cascade,
      token_hash text not null,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      invited_by bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create unique index invitations_token_key on invitations (token_hash)`.execute(db);
  await sql`create index invitations_tenant_idx on invitations (tenant_id, created_at desc)`.execute(db);

  await sql`alter table sessions alter column key_id drop not null`.execute(db);
  await sql`alter table sessions add column user_id bigint references users (id) on delete cascade`.execute(db);
  await sql`alter table sessions add column tenant_id text references tenants (id) on delete cascade`.execute(db);
  // A key's session or a user's (who then acts in one tenant), never both or neither.
  await sql`
    alter table sessions add constraint sessions_owner_check
    check ((key_id is null) <> (user_id is null) and (user_id is null or tenant_id is not null))`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id, created_at desc)`.execute(db);

  await sql`alter table tenants add column viewers_see_content boolean not null default true`.execute(db);

  // The access log names people too: kind `user`, actor_key_id holding the user's id, the label their email.
  await sql`alter table access_log drop constraint access_log_actor_kind_check`.execute(db);
  await sql`alter table access_log add constraint access_log_actor_kind_check check (actor_kind in ('key', 'session', 'user', 'anonymous'))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // Entries by users stay (the log is append-only), so the wider check stays too.
  await sql`alter table tenants drop column viewers_see_content`.execute(db);
  await sql`delete from sessions where user_id is not null`.execute(db);
  await sql`alter table sessions drop constraint sessions_owner_check`.execute(db);
  await sql`alter table sessions drop column tenant_id`.execute(db);
  await sql`alter table sessions drop column user_id`.execute(db);
  await sql`alter table sessions alter column key_id set not null`.execute(db);
  await sql`drop table invitations`.execute(db);
  await sql`drop table memberships`.execute(db);
  await sql`drop table users`.execute(db);
}
