import postgres from "postgres";

/** The server storage tests use when TEST_DATABASE_URL is unset: the one `npm run bench:*` defaults to. */
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export type LocalPostgres = { url: string; unavailable: null } | { url: null; unavailable: string };

/**
 * TEST_DATABASE_URL, else PostgreSQL on 127.0.0.1:5432, if it answers within a few seconds;
 * otherwise why not, for the test to say when it skips.
 */
export async function localPostgres(env: NodeJS.ProcessEnv = process.env): Promise<LocalPostgres> {
  const url = env.TEST_DATABASE_URL?.trim() || DEFAULT_URL;
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return { url, unavailable: null };
  } catch (error) {
    const shown = new URL(url);
    return { url: null, unavailable: `no PostgreSQL at ${shown.hostname}:${shown.port || "5432"} (${(error as Error).message})` };
  } finally {
    await probe.end({ timeout: 1 });
  }
}
