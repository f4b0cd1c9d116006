// Server-side revocation for tests: everything issued under the grant of a token.
import type { Provider } from 'oidc-provider'
import type { MemoryStore } from './_memory-store.js'

/** Revokes the grant behind an access or refresh token, or a client-credentials token; `true` if found. */
export async function revokeGrant(provider: Provider, store: MemoryStore, token: string): Promise<boolean> {
  for (const model of [provider.AccessToken, provider.RefreshToken]) {
    const found = await model.find(token, { ignoreExpiration: true })
    if (found?.grantId === undefined) continue
    store.revokeGrant(found.grantId)
    await (await provider.Grant.find(found.grantId))?.destroy()
    return true
  }
  const clientToken = await provider.ClientCredentials.find(token, { ignoreExpiration: true })
  await clientToken?.destroy()
  return clientToken !== undefined
}
