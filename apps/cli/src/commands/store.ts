import { AuthError, probeStore, type CredentialStore, type StoreChoice } from '@auth/core'
import { Option, type Command } from 'commander'
import { CLI_NAME } from '../app.js'
import { addGroup, type CommandSpec, type Mount, type ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY } from '../profile-credential.js'
import { formatJson, formatTable } from '../render.js'
import { createStores, KEY_VARIABLE, NEW_KEY_VARIABLE } from '../stores/create-stores.js'
import { MIGRATION_TARGETS, storeMigrateCommand } from './store-migrate.js'
import { storeRotateKeyCommand } from './store-rotate-key.js'

/** One store in `store status`; its `--json` shape. */
export interface StoreStatus {
  kind: 'keychain' | 'encrypted' | 'file' | 'memory'
  /** Whether the store is offered in this setup (`encrypted` needs a key). */
  offered: boolean
  available: boolean
  /** Why not, or a note. */
  reason: string | null
  location: string | null
  /** How many credentials it holds; `null` when it cannot be read. */
  credentials: number | null
}

/** What `store status` shows; its `--json` shape. */
export interface StoreStatusResult {
  /** The store choice in force (`--store`/`AUTHCLI_STORE`/config, else `auto`). */
  choice: StoreChoice
  /** The store a login would write to now; `null` when the choice is not available. */
  selected: string | null
  stores: StoreStatus[]
}

/** `store status`: the global flags only (`--profile` picks whose `store` setting counts). */
export function parseStoreStatusOptions(_input: ParseInput): Record<string, never> {
  return {}
}

/**
 * Probes every store (the keychain answers within milliseconds, or counts as unavailable),
 * counts what each holds, and says which one a login would use.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad `AUTHCLI_ENCRYPTION_KEY` or store setting.
 */
export async function runStoreStatus(_options: Record<string, never>, ctx: CliContext): Promise<StoreStatusResult> {
  const choice = ctx.resolveProfile({}, READ_ONLY).store
  const stores = createStores(ctx, { keychainKey: choice === 'encrypted' })
  const statuses = [
    await statusOf(stores.keychain, 'keychain'),
    stores.encrypted ? await statusOf(stores.encrypted, 'encrypted') : notOffered(),
    await statusOf(stores.file, 'file'),
    { ...(await statusOf(stores.memory, 'memory')), reason: 'this process only: forgotten when the command ends', location: null },
  ]
  return { choice, selected: selected(choice, statuses), stores: statuses }
}

async function statusOf(store: CredentialStore, kind: StoreStatus['kind']): Promise<StoreStatus> {
  const probe = await probeStore(store, 3000)
  const base = { kind, offered: true, available: probe.available, reason: probe.reason ?? null, location: probe.location ?? null }
  if (!probe.available) return { ...base, credentials: null }
  try {
    return { ...base, credentials: (await store.list()).length }
  } catch (error) {
    if (!AuthError.isInstance(error)) throw error
    return { ...base, available: false, reason: error.message, credentials: null }
  }
}

function notOffered(): StoreStatus {
  return {
    kind: 'encrypted',
    offered: false,
    available: false,
    reason: `not set up: set ${KEY_VARIABLE} to a passphrase or a base64 32-byte key (or log in with --store encrypted to keep its key in the keychain)`,
    location: null,
    credentials: null,
  }
}

/**
 * The store `selectStore` would pick: the named one when available; for `auto` the keychain,
 * else the encrypted file when set up, else the file.
 * @example `selected('auto', statuses)` is `'file'` without a keychain or key
 */
export function selected(choice: StoreChoice, statuses: StoreStatus[]): string | null {
  const usable = (kind: string) => statuses.some((s) => s.kind === kind && s.available)
  if (choice !== 'auto') return usable(choice) ? choice : null
  if (usable('keychain')) return 'keychain'
  if (statuses.some((s) => s.kind === 'encrypted' && s.offered)) return 'encrypted'
  return 'file'
}

/** A table `STORE STATUS CREDENTIALS WHERE / WHY` and the store in use; `--json`: {@link StoreStatusResult}. */
export function renderStoreStatus(result: StoreStatusResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  const { colors } = ctx.out
  const rows = result.stores.map((s) => [
    s.kind,
    s.available ? 'available' : s.offered ? 'unavailable' : 'not set up',
    s.credentials === null ? '-' : String(s.credentials),
    [s.location, s.reason].filter((x) => x !== null).join(': ') || '-',
  ])
  ctx.out.write(
    formatTable(rows, {
      header: ['STORE', 'STATUS', 'CREDENTIALS', 'WHERE / WHY'],
      styleHeader: colors.bold,
      style: (text, row, column) => (column === 1 ? (result.stores[row]?.available ? colors.green(text) : colors.yellow(text)) : text),
    }),
  )
  ctx.out.line(`store for new logins: ${result.selected ?? 'none (the chosen store is not available)'} (choice: ${result.choice})`)
  if (result.choice === 'auto' && result.selected === 'file') ctx.warn(`credentials go to a plain-text file (mode 0600); set ${KEY_VARIABLE} to encrypt them`)
}

export const storeStatusCommand: CommandSpec<Record<string, never>, StoreStatusResult> = {
  id: 'store status',
  parse: parseStoreStatusOptions,
  run: runStoreStatus,
  render: renderStoreStatus,
}

/** Adds `store status|migrate|rotate-key`. */
export function registerStoreCommands(program: Command, mount: Mount): void {
  const store = addGroup(program, 'store', 'see where credentials are kept, move them, re-encrypt them')
  mount(store.command('status').description('which stores are reachable (and why not), where, and how many credentials each holds'), storeStatusCommand)
  mount(
    store
      .command('migrate')
      .description('move every credential to another store (each written there, read back, then deleted here); new logins go there too')
      .addOption(new Option('--to <store>', 'the store to move to').choices(MIGRATION_TARGETS))
      .addHelpText('after', migrateHelp),
    storeMigrateCommand,
  )
  mount(store.command('rotate-key').description(`re-encrypt the encrypted store under the key in ${NEW_KEY_VARIABLE}`).addHelpText('after', rotateHelp), storeRotateKeyCommand)
}

const migrateHelp = `
A credential leaves a store only once the target gave it back as written; a failure midway
leaves each credential in one store or the other. Every profile's \`store\` is set to the target.
  $ ${CLI_NAME} store migrate --to encrypted      # with ${KEY_VARIABLE} set
  $ ${CLI_NAME} store migrate --to keychain --json`

const rotateHelp = `
The current key comes from ${KEY_VARIABLE} (else the data key in the keychain), the new one
from ${NEW_KEY_VARIABLE}; keys are never taken from flags.
  $ ${KEY_VARIABLE}=old ${NEW_KEY_VARIABLE}=new ${CLI_NAME} store rotate-key`
