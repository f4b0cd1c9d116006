import { toAuthError } from '@auth/core'
import { createServerMetadataCache } from '@auth/core/kit'
import { allowInsecureRequests, customFetch, discovery, type CustomFetch, type ServerMetadata } from 'openid-client'
import type { FlowConfig } from './_check-options.js'

/** The issuer's metadata, discovered once per flow (concurrent calls join one discovery; a failure is not kept). Internal. */
export type MetadataCache = (fetch: CustomFetch) => Promise<ServerMetadata>

/**
 * Discovery (`/.well-known/openid-configuration`, the `issuer` checked by openid-client) through
 * core's server-metadata cache, with plain http allowed only for an http issuer (loopback, or
 * `allowInsecure`). Internal.
 * @throws AuthError through `toAuthError`: `NETWORK_ERROR`, `BAD_RESPONSE` (exit 5), ...
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 */
export function createMetadataCache(config: FlowConfig): MetadataCache {
  const cache = createServerMetadataCache<ServerMetadata>()
  return (fetch) => cache({ issuer: config.issuer, clientId: config.clientId }, () => discover(config, fetch))
}

async function discover(config: FlowConfig, fetch: CustomFetch): Promise<ServerMetadata> {
  try {
    const execute = config.insecure ? [allowInsecureRequests] : []
    const configuration = await discovery(config.issuer, config.clientId, undefined, undefined, { execute, [customFetch]: fetch })
    return configuration.serverMetadata()
  } catch (error) {
    throw toAuthError(error, { operation: 'discovery', host: config.issuer.host })
  }
}
