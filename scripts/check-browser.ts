/** Fails fast, in one line, when no Chromium is installed for the end-to-end tests. */
import { findChromium } from "@/e2e/chromium";

if (!findChromium()) {
  console.error(
    "No Chromium found for the e2e tests: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}
