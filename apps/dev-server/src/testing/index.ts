// Test helpers shared by the packages' integration tests (`@auth/dev-server/testing`): a tiny
// real HTTP server that answers what a test tells it, a closed port, a logger that keeps raw
// lines (no redaction, so a leak would show), and what an error shows a user.
export { startTinyServer } from './tiny-server.js'
export type { TinyServer } from './tiny-server.js'
export { closedPort } from './closed-port.js'
export { rawLogger } from './raw-logger.js'
export type { RawLogger } from './raw-logger.js'
export { errorText } from './error-text.js'
export { rejection } from './rejection.js'
export { expectNoLeak } from './expect-no-leak.js'
