// `npm run collector` runs the collector from one bundled file: Node loads it as JavaScript, with
// no TypeScript loader thread beside it. Through tsx (`--import tsx`) the standalone collector's
// process held ~30 MiB more, the loader's own isolate and its compiled modules
// (docs/benchmarks.md). Only this repository's code is bundled; packages stay in node_modules.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `entry` (a path in the repository) into `outfile`, next to node_modules so packages resolve from there. */
export async function buildCollector(entry = "collector/main.ts", outfile = ".collector/main.mjs") {
  await build({
    absWorkingDir: REPO,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    sourcemap: true,
    logLevel: "warning",
  });
  return path.join(REPO, outfile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outfile] = process.argv.slice(2);
  await buildCollector(entry, outfile);
}
