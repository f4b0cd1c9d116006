/**
 * `@auth/flow-pkce`: the OAuth 2.0 authorization code grant with PKCE over a loopback listener
 * (RFC 8252, RFC 7636, RFC 9207), with a no-browser paste-back mode, as a login flow of the CLI
 * login toolkit.
 */
export { createPkceFlow } from './create-pkce-flow.js'
export type { OpenInBrowserOptions, PasteInput, PkceFlowOptions } from './types.js'
export { openInBrowser, openerCommands, tryOpenInBrowser } from './open-in-browser.js'
export type { OpenAttempt } from './open-in-browser.js'
export { canOpenBrowser } from './can-open-browser.js'
