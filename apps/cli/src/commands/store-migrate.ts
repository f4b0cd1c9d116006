import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError, ErrorCode, migrateCredentials, probeStore, selectStore, type AuthConfig, type CredentialStore, type MovedCredential, type StoreChoice } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { formatJson } from '../render.js'
import { createStores, ENCRYPTED_FILE, KEY_VARIABLE, type CliStores } from '../stores/create-stores.js'

/** The stores `store migrate --to` accepts. */
export const MIGRATION_TARGETS = ['keychain', 'file', 'encrypted'] as const

/** A store credentials can be migrated to. */
export type MigrationTarget = (typeof MIGRATION_TARGETS)[number]

/** `store migrate --to STORE`. */
export interface StoreMigrateOptions {
  to: MigrationTarget
}

/** What `store migrate` did; its `--json` shape. */
export interface StoreMigrateResult {
  to: MigrationTarget
  /** Every credential now in the target, and where it came from. */
  moved: MovedCredential[]
  /** The stores that were emptied (read, then each credential deleted once safe in the target). */
  from: string[]
  /** The profiles whose `store` now names the target (new logins go there). */
  profiles: string[]
  /** Whether the config file was updated (a YAML config is read-only). */
  configUpdated: boolean
}

/**
 * `store migrate --to keychain|file|encrypted`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) when `--to` is missing or names another store.
 * @example `parseStoreMigrateOptions({ opts: { to: 'file' }, ... })` is `{ to: 'file' }`
 */
export function parseStoreMigrateOptions({ opts }: ParseInput): StoreMigrateOptions {
  const to = opts.to
  if (typeof to !== 'string' || !(MIGRATION_TARGETS as readonly string[]).includes(to)) {
    throw new ConfigError(to === undefined ? 'store migrate needs --to STORE' : `--to must be one of ${MIGRATION_TARGETS.join(', ')} (got "${String(to).slice(0, 40)}")`, {
      code: ErrorCode.USAGE_ERROR,
      hint: `e.g. ${CLI_NAME} store migrate --to encrypted`,
    })
  }
  return { to: to as MigrationTarget }
}

/**
 * Moves every credential from the other stores (keychain when reachable, the encrypted file when
 * it exists or a key is set, the file) to `--to`, each written there, read back, then deleted
 * (`@auth/core` `migrateCredentials`), and sets `store` to the target in every profile of the
 * config so that new logins go there. The target fails closed: an unreachable keychain or a
 * wrong encryption key stops everything before a credential moves.
 * @throws StorageError `STORAGE_ERROR` (exit 6): the target is not available or cannot be opened,
 * a source cannot be read, or a move failed midway (nothing lost; see the message).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad `AUTHCLI_ENCRYPTION_KEY`.
 */
export async function runStoreMigrate(options: StoreMigrateOptions, ctx: CliContext): Promise<StoreMigrateResult> {
  const stores = createStores(ctx, { keychainKey: options.to === 'encrypted' || (await hasEncryptedFile(ctx)) })
  const { store: target } = await selectStore({ choice: options.to, stores: Object.values(stores.candidates), keyVariable: KEY_VARIABLE })
  await target.list() // opens the target: a wrong key or a locked keychain fails here, before anything moves
  const sources = await sourceStores(stores, options.to)
  ctx.logger.debug(`store migrate: from ${sources.map((s) => s.kind).join(', ') || 'nowhere'} to ${target.kind}`)
  const moved = await migrateCredentials({ from: sources, to: target, logger: ctx.logger })
  const { profiles, configUpdated } = await pointProfilesAt(ctx, options.to)
  const envStore = ctx.env[`${ENV_PREFIX}_STORE`]
  if (envStore && envStore !== options.to) ctx.warn(`${ENV_PREFIX}_STORE=${envStore} still wins over the config: unset it, or set it to ${options.to}`)
  return { to: options.to, moved, from: sources.map((s) => s.kind), profiles, configUpdated }
}

function hasEncryptedFile(ctx: CliContext): Promise<boolean> {
  return exists(join(ctx.configLocation.dir, ENCRYPTED_FILE))
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

// Every store but the target that holds or may hold credentials; memory never does across runs.
async function sourceStores(stores: CliStores, to: MigrationTarget): Promise<CredentialStore[]> {
  const out: CredentialStore[] = []
  if (to !== 'keychain' && (await probeStore(stores.keychain, 3000)).available) out.push(stores.keychain)
  if (to !== 'encrypted' && stores.encrypted && (await exists(stores.encrypted.path))) out.push(stores.encrypted)
  if (to !== 'file') out.push(stores.file)
  return out
}

async function pointProfilesAt(ctx: CliContext, to: StoreChoice): Promise<{ profiles: string[]; configUpdated: boolean }> {
  const names = Object.keys(ctx.config.profiles)
  if (names.length === 0) return { profiles: [], configUpdated: false }
  if (ctx.configLocation.format === 'yaml') {
    ctx.warn(`${ctx.configLocation.file} is read-only YAML: new logins choose their store as before; pass --store ${to} or set ${ENV_PREFIX}_STORE=${to}`)
    return { profiles: [], configUpdated: false }
  }
  const next: AuthConfig = { ...ctx.config, profiles: Object.fromEntries(names.map((name) => [name, { ...ctx.config.profiles[name], store: to }])) }
  await ctx.saveConfig(next)
  return { profiles: names, configUpdated: true }
}

/** One line per credential and a summary on stderr; `--json`: {@link StoreMigrateResult} on stdout. */
export function renderStoreMigrate(result: StoreMigrateResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  for (const m of result.moved) {
    ctx.err.line(`  ${m.host} (${m.account}): ${m.from} -> ${result.to}${m.outcome === 'kept-target' ? ` (the ${result.to} store already held it; the ${m.from} copy was removed)` : ''}`)
  }
  const count = `${result.moved.length} credential${result.moved.length === 1 ? '' : 's'}`
  const profiles = result.profiles.length > 0 ? `; new logins of ${result.profiles.join(', ')} go there` : ''
  ctx.err.line(`${ctx.err.colors.green('✓')} Moved ${count} to the ${result.to} store${profiles}`)
}

export const storeMigrateCommand: CommandSpec<StoreMigrateOptions, StoreMigrateResult> = {
  id: 'store migrate',
  parse: parseStoreMigrateOptions,
  run: runStoreMigrate,
  render: renderStoreMigrate,
}
