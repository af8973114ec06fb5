import postgres from "postgres";

export type LocalPostgres = { url: string; unavailable: null } | { url: null; unavailable: string };

/**
 * The server TEST_DATABASE_URL names (as for every storage test), if it answers within a few
 * seconds; otherwise why not, for the test to say when it skips.
 */
export async function localPostgres(env: NodeJS.ProcessEnv = process.env): Promise<LocalPostgres> {
  const url = env.TEST_DATABASE_URL?.trim();
  if (!url) return { url: null, unavailable: "TEST_DATABASE_URL is not set" };
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
