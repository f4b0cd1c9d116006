import { selectStore, type CredentialStore, type StoreChoice } from '@auth/core'
import type { CliContext } from '../context.js'
import { KEY_VARIABLE, type CliStores } from './create-stores.js'

/**
 * The store a new login writes to: `selectStore` over the offered stores (an explicit choice
 * fails closed; `auto` falls back to the plaintext file only with a warning, printed here).
 * A corrupt `credentials` / `credentials.enc` that the login would write to is moved aside
 * first, and the user told: a new login must not fail on an old broken file.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the chosen store is not available.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for `encrypted` without a key.
 * @example `const store = await selectLoginStore(ctx, createStores(ctx), profile.store)`
 */
export async function selectLoginStore(ctx: CliContext, stores: CliStores, choice: StoreChoice): Promise<CredentialStore> {
  if (choice === 'file' || choice === 'encrypted') await moveAsideCorrupt(ctx, stores.candidates[choice])
  const started = performance.now()
  const { store, warning } = await selectStore({ choice, candidates: stores.candidates, keyVariable: KEY_VARIABLE })
  ctx.logger.debug(`store selection (${choice}) took ${Math.round(performance.now() - started)} ms`)
  if (warning) ctx.warn(warning)
  if (choice === 'auto') await moveAsideCorrupt(ctx, store)
  if (store.kind === 'memory') ctx.warn('the memory store forgets the credential when this command ends')
  ctx.logger.debug(`storing the credential in the ${store.kind} store (choice: ${choice})`)
  return store
}

async function moveAsideCorrupt(ctx: CliContext, store: CredentialStore | undefined): Promise<void> {
  const movable = store as (CredentialStore & { moveAsideCorrupt?: () => Promise<string | undefined> }) | undefined
  if (typeof movable?.moveAsideCorrupt !== 'function') return
  const moved = await movable.moveAsideCorrupt()
  const what = store?.kind === 'encrypted' ? 'the encrypted credentials file' : 'the credentials file'
  if (moved !== undefined) ctx.warn(`${what} could not be read and was moved aside to ${moved}; log in again to each host it held`)
}
