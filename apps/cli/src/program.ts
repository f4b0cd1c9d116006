import { Command } from 'commander'
import { CLI_NAME, ENV_PREFIX, VERSION } from './app.js'
import { shouldUseColor } from './color.js'
import { configureGroup, type Invocation, type Mount } from './command.js'
import { registerApiCommand } from './commands/api.js'
import { registerAuthCommands } from './commands/auth.js'
import { registerCompletionCommand } from './commands/completion.js'
import { registerConfigCommands } from './commands/config.js'
import { registerDockerCredentialCommand } from './commands/docker-credential.js'
import { registerMcpCommands } from './commands/mcp.js'
import { registerProfilesCommands } from './commands/profiles.js'
import { registerStoreCommands } from './commands/store.js'
import { createContext, type Runtime } from './context.js'
import { parseGlobalOptions } from './global-options.js'

/** Test hooks of {@link buildProgram}. */
export interface ProgramHooks {
  /**
   * Called with the parsed options instead of running the command (the parsing tests use it,
   * like gh's `runF`).
   */
  intercept?: (invocation: Invocation) => void | Promise<void>
  /** Receives the exit code a command's `exitCode` gave (a protocol's quiet failure). */
  exit?: { code: number }
}

/**
 * The whole command tree, with the global flags on the root. Commander never exits or prints
 * an error itself: it throws (`exitOverride`), and `runCli` renders.
 */
export function buildProgram(runtime: Runtime, hooks: ProgramHooks = {}): Command {
  const program = new Command(CLI_NAME)
  const hasColors = (isTTY: boolean | undefined) => () => shouldUseColor({ isTTY, env: runtime.env, color: program.opts().color !== false })
  program
    .description('Log in to a web platform from the command line, print tokens, and manage profiles, stores and config.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void runtime.stdout.write(text),
      writeErr: (text) => void runtime.stderr.write(text),
      outputError: () => {},
      getOutHasColors: hasColors(runtime.stdout.isTTY),
      getErrHasColors: hasColors(runtime.stderr.isTTY),
    })
    .configureHelp({ showGlobalOptions: true, styleTitle: (title) => `\x1b[1m${title}\x1b[22m` })
    .helpOption('-h, --help', 'show help for the command')
    .helpCommand('help [command]', 'show help for a command')
    .version(VERSION, '--version', 'print the version')
    .option('--host <url>', 'the host (API base URL) to act on')
    .option('--profile <name>', 'the profile to act on (default: the active profile)')
    .option('--config <file>', `the config file (default: $${ENV_PREFIX}_CONFIG_DIR/config.toml)`)
    .option('--json', 'machine-readable output; errors as JSON on stderr')
    .option('--debug', 'log what happens to stderr, secrets masked')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .addHelpText('after', rootHelpFooter)
  configureGroup(program)

  const mount = createMount(runtime, hooks)
  registerAuthCommands(program, mount)
  registerConfigCommands(program, mount)
  registerProfilesCommands(program, mount)
  registerStoreCommands(program, mount)
  registerApiCommand(program, mount)
  registerDockerCredentialCommand(program, mount)
  registerMcpCommands(program, mount)
  registerCompletionCommand(program, mount)
  return program
}

function createMount(runtime: Runtime, hooks: ProgramHooks): Mount {
  return (command, spec) =>
    command.allowExcessArguments(false).action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command
      const globals = parseGlobalOptions(self.optsWithGlobals())
      const options = spec.parse({ args: self.processedArgs, opts: self.opts(), globals })
      if (hooks.intercept) return hooks.intercept({ id: spec.id, options, globals })
      const ctx = await createContext(globals, runtime, { loadConfig: spec.needsConfig !== false })
      const result = await spec.run(options, ctx)
      spec.render(result, ctx)
      if (spec.exitCode && hooks.exit) hooks.exit.code = spec.exitCode(result)
    })
}

const rootHelpFooter = `
Environment:
  ${ENV_PREFIX}_TOKEN           a token that wins over every store (nothing is stored)
  ${ENV_PREFIX}_HOST            the default host
  ${ENV_PREFIX}_CLIENT_ID       the OAuth client id; ${ENV_PREFIX}_CLIENT_SECRET its secret
  ${ENV_PREFIX}_TENANT          the tenant, below --tenant
  ${ENV_PREFIX}_STORE           the store: auto, keychain, file, encrypted, memory
  ${ENV_PREFIX}_ENCRYPTION_KEY  the key of the encrypted store
  ${ENV_PREFIX}_CONFIG_DIR      the folder for config and fallback files (default ~/.authcli)
  ${ENV_PREFIX}_CONFIG          the config file (below --config)
  NO_COLOR                no colours when set (to anything)

Exit codes: 0 ok, 1 unexpected (a bug), 2 usage or config, 4 auth, 5 network, 6 storage, 130 interrupted.

Examples:
  $ ${CLI_NAME} auth login --host https://api.example.com
  $ ${CLI_NAME} auth token
  $ ${CLI_NAME} auth status
  $ ${CLI_NAME} config set profiles.work.host https://api.example.com
  $ ${CLI_NAME} profiles use work
  $ ${CLI_NAME} profiles list --json`
