import fs from "node:fs";

/**
 * Removes the server's data folder once the runner exits. Playwright stops the web server after
 * global teardown, so removing it here pulled the embedded database out from under a server still
 * running its background jobs ("could not seek to end of file" in the log).
 */
export default function globalTeardown(): void {
  const dir = process.env.CODON_E2E_DATA_DIR;
  if (dir) process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
