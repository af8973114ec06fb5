/**
 * `npm run apikey -- create <tenant> [name]` prints a new key once; `list` and
 * `revoke <id|prefix>` manage them. With the embedded database, stop the server first.
 */
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/auth/api-keys";
import { loadConfig } from "@/lib/runtime/config";
import { openDatabase } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { explainStartupError } from "@/lib/runtime/startup-errors";

const USAGE = "usage: npm run apikey -- create <tenant> [name] | list | revoke <id|prefix>";

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || !["create", "list", "revoke"].includes(command) || (command !== "list" && !rest[0])) {
    console.error(USAGE);
    return 2;
  }
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.kysely);
    if (command === "create") {
      const created = await createApiKey(database.kysely, rest[0]!, rest.slice(1).join(" ") || null);
      console.log(`Created API key ${created.prefix}… for tenant "${created.tenantId}". It is shown only now:\n\n  ${created.key}\n`);
      console.log(`Senders set: OTEL_EXPORTER_OTLP_HEADERS=x-codon-api-key=${created.key}`);
      console.log("From now on, exports without a valid key are refused (401 / UNAUTHENTICATED).");
    } else if (command === "list") {
      const keys = await listApiKeys(database.kysely);
      if (keys.length === 0) console.log("No API keys: every export goes to the default tenant.");
      for (const k of keys) {
        const state = k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : "active";
        console.log(`${k.id}\t${k.key_prefix}…\t${k.tenant_id}\t${k.name ?? ""}\t${state}`);
      }
    } else {
      const revoked = await revokeApiKey(database.kysely, rest[0]!);
      console.log(revoked ? `Revoked ${revoked} key(s).` : `No active key matches "${rest[0]}".`);
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
