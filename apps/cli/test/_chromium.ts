// The real headless Chromium of the browser end-to-end tests (Debian's /usr/bin/chromium).
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** The Chromium flags of FACTS.md: headless, no network but loopback. */
export function launchChromium(): Promise<Browser> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ]
  return chromium.launch({ executablePath: CHROMIUM, args })
}
