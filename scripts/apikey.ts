/**
 * `npm run apikey -- create <tenant> [name] [--scope ingest,read,admin]` prints a new key once
 * (scope `ingest` unless said); `list` and `revoke <id|prefix>` manage them (revoking ends the
 * key's dashboard sessions). Creations and revocations are in the tenant's access log (actor `cli`).
 * With the embedded database, stop the server first.
 */
import { listApiKeys } from "@/lib/auth/api-keys";
import { createKeyByCommand, revokeKeysByCommand } from "@/lib/auth/key-commands";
import { DEFAULT_KEY_SCOPES, parseScopeList, ScopeListError, type Scope } from "@/lib/auth/scopes";
import { loadConfig } from "@/lib/runtime/config";
import { openDatabase } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { explainStartupError } from "@/lib/runtime/startup-errors";

const USAGE = "usage: npm run apikey -- create <tenant> [name] [--scope ingest,read,admin] | list | revoke <id|prefix>";

/** `--scope a,b`, `--scope=a,b` (repeatable) taken out of the arguments; the rest stay in order. */
function splitScopeFlags(args: string[]): { rest: string[]; scopes: Scope[] | null } {
  const rest: string[] = [];
  const named: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--scope" || arg === "--scopes") {
      const value = args[++i];
      if (value === undefined) throw new ScopeListError("--scope needs a value: ingest, read or admin (comma-separated)");
      named.push(value);
    } else if (arg.startsWith("--scope=") || arg.startsWith("--scopes=")) {
      named.push(arg.slice(arg.indexOf("=") + 1));
    } else {
      rest.push(arg);
    }
  }
  return { rest, scopes: named.length ? parseScopeList(named.join(",")) : null };
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = splitScopeFlags(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.rest;
  if (!command || !["create", "list", "revoke"].includes(command) || (command !== "list" && !rest[0]) || (command !== "create" && parsed.scopes)) {
    console.error(USAGE);
    return 2;
  }
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.kysely);
    if (command === "create") {
      const created = await createKeyByCommand(database.kysely, rest[0]!, rest.slice(1).join(" ") || null, parsed.scopes ?? DEFAULT_KEY_SCOPES);
      console.log(`Created API key ${created.prefix}… for tenant "${created.tenantId}" with scope ${created.scopes.join(", ")}. It is shown only now:\n\n  ${created.key}\n`);
      if (created.scopes.includes("ingest")) console.log(`Senders set: OTEL_EXPORTER_OTLP_HEADERS=x-codon-api-key=${created.key}`);
      if (created.scopes.includes("read")) console.log("Sign in to the dashboard with it (/sign-in), or send it as Authorization: Bearer <key> to the API.");
      console.log("From now on, every export, read and sign-in needs a valid key (401 / UNAUTHENTICATED without one).");
    } else if (command === "list") {
      const keys = await listApiKeys(database.kysely);
      if (keys.length === 0) console.log("No API keys: a server on loopback takes exports for the default tenant without one.");
      for (const k of keys) {
        const state = k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : "active";
        console.log(`${k.id}\t${k.key_prefix}…\t${k.tenant_id}\t${k.scopes.join(",")}\t${k.name ?? ""}\t${state}`);
      }
    } else {
      const revoked = (await revokeKeysByCommand(database.kysely, rest[0]!)).length;
      console.log(revoked ? `Revoked ${revoked} key(s); their dashboard sessions are ended.` : `No active key matches "${rest[0]}".`);
      if (!revoked) return 1;
    }
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(explainStartupError(error));
    process.exit(1);
  },
);
