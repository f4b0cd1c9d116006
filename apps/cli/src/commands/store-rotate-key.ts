import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError } from '@auth/core'
import { parseEncryptionKey } from '@auth/store-encrypted'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { formatJson } from '../render.js'
import { createStores, ENCRYPTED_FILE, KEY_VARIABLE, NEW_KEY_VARIABLE } from '../stores/create-stores.js'

/** What `store rotate-key` did; its `--json` shape. */
export interface StoreRotateKeyResult {
  /** The sealed file. */
  file: string
  /** Whether there was a file to re-encrypt. */
  rotated: boolean
  /** How many credentials it holds. */
  credentials: number
}

/** `store rotate-key`: the keys come from the environment, never from flags (argv is visible to others). */
export function parseStoreRotateKeyOptions(_input: ParseInput): Record<string, never> {
  return {}
}

/**
 * Re-encrypts `credentials.enc` under the key in `AUTHCLI_NEW_ENCRYPTION_KEY`, opening it with
 * the current key (`AUTHCLI_ENCRYPTION_KEY`, else the data key in the keychain), in one atomic
 * write under the store's lock: afterwards only the new key opens it. Without a file there is
 * nothing to re-encrypt (`rotated: false`).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when `AUTHCLI_NEW_ENCRYPTION_KEY` is unset or not a
 * usable key (a passphrase under 8 characters), or `AUTHCLI_ENCRYPTION_KEY` is not.
 * @throws StorageError `STORAGE_ERROR` (exit 6) on a wrong current key or a corrupt file: the file
 * is left untouched.
 */
export async function runStoreRotateKey(_options: Record<string, never>, ctx: CliContext): Promise<StoreRotateKeyResult> {
  const value = ctx.env[NEW_KEY_VARIABLE]
  if (value === undefined || value === '') {
    throw new ConfigError(`${NEW_KEY_VARIABLE} is not set: it holds the new key to re-encrypt the encrypted store under`, {
      hint: `set ${NEW_KEY_VARIABLE} to a passphrase (8+ characters) or a base64 32-byte key (openssl rand -base64 32), and ${KEY_VARIABLE} to the current one`,
    })
  }
  const newKey = parseEncryptionKey(value, NEW_KEY_VARIABLE)
  const file = join(ctx.configLocation.dir, ENCRYPTED_FILE)
  if (
    !(await access(file).then(
      () => true,
      () => false,
    ))
  )
    return { file, rotated: false, credentials: 0 }
  const store = createStores(ctx, { keychainKey: true }).encrypted
  if (!store) throw new ConfigError(`no key for ${file}`, { hint: `set ${KEY_VARIABLE} to its current key` })
  const credentials = (await store.list()).length // the current key must open it: else nothing is written
  await store.rotateKey(newKey)
  ctx.logger.debug(`re-encrypted ${file} (${credentials} credentials) under the key in ${NEW_KEY_VARIABLE}`)
  return { file, rotated: true, credentials }
}

/** What happened and what to do next, on stderr; `--json`: {@link StoreRotateKeyResult} on stdout. */
export function renderStoreRotateKey(result: StoreRotateKeyResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  if (!result.rotated) {
    ctx.err.line(`nothing to re-encrypt: there is no ${result.file} yet (new logins with --store encrypted use ${KEY_VARIABLE})`)
    return
  }
  ctx.err.line(`${ctx.err.colors.green('✓')} Re-encrypted ${result.file} (${result.credentials} credential${result.credentials === 1 ? '' : 's'}) under the key in ${NEW_KEY_VARIABLE}`)
  ctx.err.line(`  set ${KEY_VARIABLE} to that key from now on: the old key no longer opens the file`)
}

export const storeRotateKeyCommand: CommandSpec<Record<string, never>, StoreRotateKeyResult> = {
  id: 'store rotate-key',
  parse: parseStoreRotateKeyOptions,
  run: runStoreRotateKey,
  render: renderStoreRotateKey,
}
