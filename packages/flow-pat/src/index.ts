/**
 * `@auth/flow-pat`: personal access tokens read at login (the login's input, piped stdin or a hidden prompt), validated against
 * a profile endpoint before they are saved. Depends on `@auth/core` only.
 */
export { createPatFlow } from './create-pat-flow.js'
export { parsePat } from './parse-pat.js'
export { validatePat } from './validate-pat.js'
export { ARGV_TOKEN_WARNING } from './argv-token-warning.js'
export type { PatFlowOptions, PatProfile, ValidatePatOptions } from './types.js'
