import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium the end-to-end tests drive: CHROMIUM_PATH, else one found on the machine. */
export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export const CHROMIUM_HELP = `No Chromium was found for the end-to-end tests.
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  macOS:          brew install --cask chromium   (then set CHROMIUM_PATH)
  Or point CHROMIUM_PATH at any Chromium or Chrome binary.
  (Playwright's own browser download is not used: it is not reachable on every machine.)`;
