/** Debian's Chromium (`apt-get install -y chromium`). */
export declare const CHROMIUM: string
/** The launch flags of FACTS.md: headless, no network but loopback. */
export declare const CHROMIUM_ARGS: readonly string[]
