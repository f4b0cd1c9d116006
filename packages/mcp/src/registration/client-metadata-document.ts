import { ConfigError } from '@auth/core'
import { assertSafeUrl } from '../discovery/safe-url.js'

/** Options of {@link clientMetadataDocument}. */
export interface ClientMetadataDocumentOptions {
  /** The https URL the document is hosted at: it IS the client id. */
  clientId: string
  /** The product's name, shown on the consent page. */
  clientName: string
  /** Redirect URIs; default the loopback ones without a port (RFC 8252 §7.3: any port matches). */
  redirectUris?: readonly string[] | undefined
  clientUri?: string | undefined
  logoUri?: string | undefined
}

/**
 * The Client ID Metadata Document a product hosts at its https client-id URL, for authorization
 * servers that advertise `client_id_metadata_document_supported`: a public native client
 * (`token_endpoint_auth_method: none`) with the authorization code and refresh token grants and
 * loopback redirect URIs without a port.
 *
 * @throws ConfigError `CONFIG_ERROR` when `clientId` is not an https URL with a path, or a URI is bad.
 * @example
 * ```ts
 * writeFileSync('client.json', JSON.stringify(clientMetadataDocument({ clientId: 'https://mycli.dev/oauth/client.json', clientName: 'mycli' })))
 * ```
 * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/
 */
export function clientMetadataDocument(options: ClientMetadataDocumentOptions): Record<string, unknown> {
  const id = new URL(assertSafeUrl(options.clientId, 'clientId').href)
  if (id.protocol !== 'https:' || id.pathname === '/' || id.search !== '') {
    throw new ConfigError('@auth/mcp: clientMetadataDocument: "clientId" must be an https URL with a path and no query', {
      hint: 'host the document at a URL like https://example.com/oauth/client.json',
    })
  }
  if (typeof options.clientName !== 'string' || options.clientName.trim() === '' || options.clientName.length > 200) {
    throw new ConfigError('@auth/mcp: clientMetadataDocument: "clientName" must be a non-empty string')
  }
  const redirectUris = options.redirectUris ?? ['http://127.0.0.1/callback', 'http://[::1]/callback']
  for (const uri of redirectUris) assertSafeUrl(uri, 'redirectUris')
  return {
    client_id: id.href,
    client_name: options.clientName,
    ...(options.clientUri !== undefined && { client_uri: assertSafeUrl(options.clientUri, 'clientUri').href }),
    ...(options.logoUri !== undefined && { logo_uri: assertSafeUrl(options.logoUri, 'logoUri').href }),
    redirect_uris: [...redirectUris],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: 'native',
  }
}
