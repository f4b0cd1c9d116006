import { dirname, join } from 'node:path'
import { signFiles } from '@auth/core/token-index'
import {
  assertTrustedFolder,
  ConfigError,
  createLogger,
  loadConfig,
  resolveConfigLocation,
  resolveProfile,
  saveConfig,
  type AuthConfig,
  type Logger,
  type ProfileFlags,
  type ResolvedProfile,
  type ResolveProfileOptions,
} from '@auth/core'
import { CLI_NAME, CONFIG_DIR_NAME, DEFAULT_CLIENT_ID, ENV_PREFIX, VERSION } from './app.js'
import { createColors, shouldUseColor, type Colors } from './color.js'
import { formatWarning } from './render.js'
import type { GlobalOptions } from './global-options.js'

/** The environment as the CLI sees it. */
export type Env = Readonly<Record<string, string | undefined>>

/** A stream the CLI writes to (`process.stdout`, or a buffer in tests). */
export interface OutputStream {
  write(chunk: string): unknown
  readonly isTTY?: boolean
}

/** A stream the CLI reads (`process.stdin`, or a fixed text in tests). */
export interface InputStream extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean
  /** Switches the stream to strings (`setEncoding('utf8')`); absent on test streams that yield strings. */
  setEncoding?(encoding: 'utf8'): unknown
  /** Lets the process exit while nobody reads (after a TTY prompt); absent on test streams. */
  pause?(): unknown
}

/** What the process hands the CLI; tests pass their own. */
export interface Runtime {
  readonly env: Env
  readonly stdout: OutputStream
  readonly stderr: OutputStream
  /**
   * Standard input, for `--with-token` and `--token-stdin`. A getter in `main.ts`: Node creates
   * `process.stdin` on first access, which costs start-up time the hot path does not spend.
   */
  readonly stdin?: InputStream
  /** The home directory, for the default config folder (`~/.authcli`). */
  readonly homeDir: string
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal
}

/** One output stream with its colour decision made. */
export interface Printer {
  /** Writes text as is. */
  write(text: string): void
  /** Writes a line (a newline is added). */
  line(text?: string): void
  /** Whether the stream is a terminal. */
  readonly isTTY: boolean
  /** Styling for this stream; a no-op when colour is off. */
  readonly colors: Colors
}

/** Where the config file is and why. */
export interface ConfigLocation {
  /** The config folder (`$AUTHCLI_CONFIG_DIR`, default `~/.authcli`): the home of fallback files too. */
  readonly dir: string
  /** The config file. */
  readonly file: string
  /** What chose the file: `--config`, `AUTHCLI_CONFIG`, `AUTHCLI_CONFIG_DIR` or `default`. */
  readonly source: string
  /**
   * `toml`, the CLI's own file; `yaml` for a flyte-style file (`.yaml`/`.yml`), which is read-only:
   * writing it (`config set`, `profiles use`) is a `CONFIG_ERROR`, and a login does not record itself.
   */
  readonly format: 'toml' | 'yaml'
}

/**
 * Everything a command's `run` and `render` get: the parsed global flags, the environment,
 * the config (already loaded), the output streams, the logger and the cancellation signal.
 */
export interface CliContext {
  readonly globals: GlobalOptions
  readonly env: Env
  /** The home directory the config location was found from. */
  readonly homeDir: string
  /**
   * The signatures (`@auth/core/token-index`) of the config file, its folder, the credentials
   * folder and its `.locks`, taken before any of them was read: what the token index records.
   */
  readonly configSignatures: Readonly<Record<string, string>>
  readonly configLocation: ConfigLocation
  /** The config file's content; `{ profiles: {} }` when there is no file yet. */
  readonly config: AuthConfig
  /** Data: what scripts read (tables, values, `--json`). */
  readonly out: Printer
  /** Messages for the user: progress, warnings, errors, debug logs. */
  readonly err: Printer
  /** Debug logs go to stderr with `--debug`; warnings always. Secrets are masked. */
  readonly logger: Logger
  /** Aborted on Ctrl-C; pass it to everything that waits. */
  readonly signal: AbortSignal
  /** Standard input; `undefined` when the runtime has none. Read it only when a command needs it. */
  readonly stdin: InputStream | undefined
  /** Prints `warning: TEXT` on stderr (secrets masked): what the user must not miss, even without `--debug`. */
  warn(text: string): void
  /** Writes the config file (0600, in a 0700 folder). */
  saveConfig(config: AuthConfig): Promise<void>
  /**
   * The profile in force: flags > env > config > build-time defaults. `--profile` and `--host`
   * are passed for you; a command adds its own flags (`clientId`, `scopes`, ...) and options.
   * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad value, naming where it came from.
   */
  resolveProfile(flags?: ProfileFlags, options?: Pick<ResolveProfileOptions, 'allowInsecure'>): ResolvedProfile
}

/** Options of {@link createContext}. */
export interface ContextOptions {
  /**
   * `false`: do not read the config file (`ctx.config` is empty), for commands that must work
   * even when it is broken (`completion`). Default `true`.
   */
  loadConfig?: boolean
}

/**
 * Builds the {@link CliContext} for one command run: resolves the config location
 * (`--config` > `AUTHCLI_CONFIG` > `$AUTHCLI_CONFIG_DIR/config.toml` > `~/.authcli/config.toml`),
 * loads the config (TOML, or a flyte-style YAML file), decides colours and sets up the logger.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the config file cannot be parsed.
 */
export async function createContext(globals: GlobalOptions, runtime: Runtime, options: ContextOptions = {}): Promise<CliContext> {
  const { env } = runtime
  const logger = createCliLogger(globals, runtime)
  logger.debug(`${CLI_NAME} ${VERSION}, node ${process.version}, ${process.platform}-${process.arch}`)
  const configLocation = locateConfig(globals, runtime)
  const configSignatures = signFiles([configLocation.file, dirname(configLocation.file), configLocation.dir, join(configLocation.dir, '.locks')])
  const config = options.loadConfig === false ? { profiles: {} } : await readConfig(configLocation, logger)
  if (options.loadConfig !== false) await assertTrustedFolders(configLocation)
  const err = createPrinter(runtime.stderr, globals, env)
  return {
    globals,
    env,
    homeDir: runtime.homeDir,
    configSignatures,
    configLocation,
    config,
    out: createPrinter(runtime.stdout, globals, env),
    err,
    logger,
    signal: runtime.signal,
    get stdin() {
      return runtime.stdin
    },
    warn: (text) => err.line(formatWarning(text, err.colors)),
    saveConfig: (next) => (configLocation.format === 'yaml' ? Promise.reject(readOnlyConfig(configLocation)) : saveConfig(configLocation.file, next)),
    resolveProfile: (flags = {}, options = {}) =>
      resolveProfile({
        ...options,
        config,
        flags: {
          ...(globals.profile !== undefined && { profile: globals.profile }),
          ...(globals.host !== undefined && { host: globals.host }),
          ...flags,
        },
        env,
        envPrefix: ENV_PREFIX,
        defaults: { clientId: DEFAULT_CLIENT_ID },
      }),
  }
}

/**
 * Reads the config file: TOML, or a flyte-style YAML file through the lazily loaded
 * `config-yaml` chunk (the `yaml` parser is read only when such a file is used).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the file cannot be read or parsed.
 * @example `const config = await readConfig(locateConfig(globals, runtime), logger)`
 */
export async function readConfig(location: ConfigLocation, logger: Logger): Promise<AuthConfig> {
  logger.debug(`config file ${location.file} (from ${location.source}${location.format === 'yaml' ? ', flyte-style YAML, read-only' : ''})`)
  if (location.format === 'toml') return loadConfig(location.file)
  const { config, ignored } = await (await import('./config-yaml.js')).loadYamlConfig(location.file)
  if (ignored.length > 0) logger.debug(`${location.file}: ignored keys ${ignored.join(', ')}`)
  return config
}

/**
 * Checks the credentials folder and its `.locks` as the config folder is checked (owner, not
 * group/other-writable): the config file may live elsewhere (`--config`, `AUTHCLI_CONFIG`), and
 * another user who may write these could plant credentials or a lock that blocks every refresh.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) with the `chmod go-w` / `chown` fix.
 * @example `await assertTrustedFolders(locateConfig(globals, runtime))`
 */
export async function assertTrustedFolders(location: Pick<ConfigLocation, 'dir'>): Promise<void> {
  await assertTrustedFolder(location.dir, 'credentials folder')
  await assertTrustedFolder(join(location.dir, '.locks'), 'lock folder')
}

/**
 * The error for writing a YAML config: exit 2, with what to do instead.
 * @example `throw readOnlyConfig(ctx.configLocation)`
 */
export function readOnlyConfig(location: Pick<ConfigLocation, 'file' | 'dir'>): ConfigError {
  return new ConfigError(`${location.file} is a flyte-style YAML config, which ${CLI_NAME} reads but never writes`, {
    hint: `edit it by hand, or use a TOML config (--config ${location.dir}/config.toml)`,
  })
}

/**
 * Where the config file is: `--config` > `AUTHCLI_CONFIG` > `$AUTHCLI_CONFIG_DIR/config.toml` > `~/.authcli/config.toml`.
 * @example `locateConfig({ config: 'x.toml', ... }, runtime).source` is `'--config'`
 */
export function locateConfig(globals: GlobalOptions, runtime: Pick<Runtime, 'env' | 'homeDir'>): ConfigLocation {
  const { env, homeDir } = runtime
  const { dir, file } = resolveConfigLocation({
    ...(globals.config !== undefined && { configFlag: globals.config }),
    env,
    envPrefix: ENV_PREFIX,
    appDirName: CONFIG_DIR_NAME,
    homeDir,
  })
  const source = globals.config !== undefined ? '--config' : env[`${ENV_PREFIX}_CONFIG`] ? `${ENV_PREFIX}_CONFIG` : env[`${ENV_PREFIX}_CONFIG_DIR`] ? `${ENV_PREFIX}_CONFIG_DIR` : 'default'
  return { dir, file, source, format: /\.ya?ml$/i.test(file) ? 'yaml' : 'toml' }
}

/**
 * The logger for a run: `debug` level with `--debug`, else `warn`; lines go to stderr.
 * @example `createCliLogger({ debug: true, ... }, runtime).debug('GET https://... 200')`
 */
export function createCliLogger(globals: Pick<GlobalOptions, 'debug'>, runtime: Pick<Runtime, 'stderr'>): Logger {
  return createLogger({
    level: globals.debug ? 'debug' : 'warn',
    write: (line: string) => void runtime.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
    prefix: `[${CLI_NAME}]`,
  })
}

/**
 * A {@link Printer} over a stream, coloured only on a terminal without `NO_COLOR`/`--no-color`.
 * @example `createPrinter(process.stdout, globals, process.env).line('done')`
 */
export function createPrinter(stream: OutputStream, globals: Pick<GlobalOptions, 'color'>, env: Env): Printer {
  const isTTY = stream.isTTY === true
  return {
    write: (text) => void stream.write(text),
    line: (text = '') => void stream.write(`${text}\n`),
    isTTY,
    colors: createColors(shouldUseColor({ isTTY, env, color: globals.color })),
  }
}
