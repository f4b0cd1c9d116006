/**
 * `@auth/flow-pat`: personal access tokens from a flag, stdin or an env var, validated against
 * a profile endpoint before they are saved. Depends on `@auth/core` only.
 */
export { createPatFlow } from './create-pat-flow.js'
export { parsePat } from './parse-pat.js'
export { validatePat } from './validate-pat.js'
export { ARGV_TOKEN_WARNING } from './argv-token-warning.js'
export type { PatFlowOptions, PatProfile, ValidatePatOptions } from './types.js'
