// The real headless Chromium of the browser end-to-end tests (Debian's /usr/bin/chromium).
import { CHROMIUM, CHROMIUM_ARGS } from '@auth/testing/chromium'
import { chromium, type Browser } from 'playwright-core'

export { CHROMIUM }

/** The Chromium flags of FACTS.md: headless, no network but loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] })
}
