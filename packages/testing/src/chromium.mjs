// The real headless Chromium of the browser tests and the login bench: Debian's binary and the
// launch flags of FACTS.md (headless, no network but loopback). Plain JavaScript with its types
// beside it (chromium.d.mts), so that the bench scripts, which node runs unbuilt, import it too.

/** Debian's Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium'

/** playwright-core's `chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] })`. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
])
