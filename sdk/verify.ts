// Checks a ledger evidence bundle offline (GET /api/v1/runs/{runId}/ledger/export):
//   npx tsx sdk/verify.ts bundle.json [--key-id <id>]...
// Exit 0: verified; 1: broken; 2: pending (intact, not yet signed); 3: the file cannot be read.
import { readFileSync } from "node:fs";
import { verifyBundle } from "./src/ledger-chain/bundle";

function main(argv: string[]): number {
  const trustedKeyIds: string[] = [];
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--key-id" && argv[i + 1]) trustedKeyIds.push(argv[++i]!);
    else file ??= argv[i]!;
  }
  if (file === null) {
    console.error("usage: npx tsx sdk/verify.ts bundle.json [--key-id <id>]");
    return 3;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 3;
  }
  const result = verifyBundle(bundle, trustedKeyIds.length > 0 ? { trustedKeyIds } : {});
  console.log(result.status);
  for (const problem of result.problems) console.log(`  ${problem}`);
  return result.status === "verified" ? 0 : result.status === "pending" ? 2 : 1;
}

process.exitCode = main(process.argv.slice(2));
