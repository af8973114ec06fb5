import { sql, type Kysely } from "kysely";

// OpenID Connect sign-in (issue 25): which account at which provider is which user. Looked up by
// (issuer, subject) on every SSO sign-in, before any tenant is known; the subject, not the email,
// names a person at a provider, so a user keeps their link when their email there changes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_identities (
      issuer text not null check (length(issuer) between 1 and 2048),
      subject text not null check (length(subject) between 1 and 255),
      user_id bigint not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      constraint user_identities_pkey primary key (issuer, subject)
    )`.execute(db);
  await sql`create index user_identities_user_idx on user_identities (user_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table user_identities`.execute(db);
}
