import { toAuthError } from '@auth/core'
import { allowInsecureRequests, customFetch, discovery, type CustomFetch, type ServerMetadata } from 'openid-client'
import type { FlowConfig } from './_check-options.js'

/** Fetches the issuer's metadata once per flow; a failure is not cached. Internal. */
export type MetadataCache = (fetch: CustomFetch) => Promise<ServerMetadata>

/**
 * Discovery (`/.well-known/openid-configuration`, the `issuer` checked by openid-client), with
 * plain http allowed only for an http issuer (loopback, or `allowInsecure`). Internal.
 * @throws AuthError through `toAuthError`: `NETWORK_ERROR`, `BAD_RESPONSE` (exit 5), ...
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 */
export function createMetadataCache(config: FlowConfig): MetadataCache {
  let pending: Promise<ServerMetadata> | undefined
  return (fetch) => {
    pending ??= discover(config, fetch).catch((error: unknown) => {
      pending = undefined
      throw error
    })
    return pending
  }
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
