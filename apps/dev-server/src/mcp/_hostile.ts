// The ready-made hostile modes of the test MCP server, as plain option overrides.
import type { TamperOptions } from '../types.js'
import type { McpHostileMode } from './types.js'

/** What a hostile mode changes: the resource metadata and the authorization server's tampering. */
export interface HostileOverrides {
  readonly resourceMetadata: Readonly<Record<string, unknown>>
  readonly tamper: TamperOptions
}

/** An http URL full of shell metacharacters (a client must never hand it to a shell). */
export const SHELL_URL = 'http://127.0.0.1:9/authorize?x=$(touch$IFS/tmp/pwned)&y=`id`;calc|sh'

const NONE: HostileOverrides = { resourceMetadata: {}, tamper: {} }

/** The overrides of `mode` (none for `undefined`). */
export function hostileOverrides(mode: McpHostileMode | undefined): HostileOverrides {
  switch (mode) {
    case undefined:
      return NONE
    case 'resource-mismatch':
      return { ...NONE, resourceMetadata: { resource: 'https://attacker.example/mcp' } }
    case 'authorization-endpoint-scheme':
      return { ...NONE, tamper: { metadata: { authorization_endpoint: 'file:///etc/passwd' } } }
    case 'authorization-endpoint-shell':
      return { ...NONE, tamper: { metadata: { authorization_endpoint: SHELL_URL } } }
    case 'wrong-iss':
    case 'no-iss':
    case 'wrong-state':
      return { ...NONE, tamper: { authorizationResponse: mode } }
    default:
      throw new TypeError(
        `@auth/dev-server: option "hostile" must be one of resource-mismatch, authorization-endpoint-scheme, authorization-endpoint-shell, wrong-iss, no-iss, wrong-state, got ${String(mode)}`,
      )
  }
}
