import { Option, type Command } from 'commander'
import { ENV_PREFIX } from '../app.js'
import { addGroup, type Mount } from '../command.js'
import { registerAuthExtraCommands } from './auth-extra.js'
import { authLoginCommand } from './auth-login.js'
import { authLogoutCommand } from './auth-logout.js'
import { authStatusCommand } from './auth-status.js'
import { authTokenCommand } from './auth-token.js'

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value]

/** Adds `auth login|token|status|logout|refresh|switch|whoami|git-credential`. */
export function registerAuthCommands(program: Command, mount: Mount): void {
  const auth = addGroup(program, 'auth', 'log in, print tokens, see and end sessions')
  mount(loginCommand(auth), authLoginCommand)
  mount(auth.command('token').description('print the access token (renewed first when it is about to expire)').addHelpText('after', tokenHelp), authTokenCommand)
  mount(
    auth.command('status').description('every profile: account, flow, store, expiry, scopes; exit 4 when the active one is not logged in')
      .option('--show-token', 'print the tokens in full (masked otherwise)'),
    authStatusCommand,
  )
  mount(
    auth.command('logout').description('forget the credential in every store that holds it, and revoke it at the server')
      .option('--all', 'log out of every host'),
    authLogoutCommand,
  )
  registerAuthExtraCommands(auth, mount)
}

function loginCommand(auth: Command): Command {
  return auth.command('login')
    .description('log in and store the credential')
    .option('--with-token [token]', 'a personal access token; without a value it is read from stdin')
    .option('--token-stdin', 'read a personal access token from stdin')
    .option('--device', 'the device code flow (the default on a terminal)')
    .option('--client-credentials', `log in as a client (CI, services); the secret from ${ENV_PREFIX}_CLIENT_SECRET`)
    .option('--client-id <id>', `the OAuth client id (else ${ENV_PREFIX}_CLIENT_ID, the config, the built-in one)`)
    .option('--client-secret-env <var>', 'read the client secret from this environment variable')
    .option('--client-secret-file <path>', 'read the client secret from this file (mode 0600)')
    .option('--issuer <url>', 'the OAuth issuer (default: the host)')
    .option('--scope <scope>', 'a scope to request (repeatable)', collect)
    .option('--tenant <slug>', 'the tenant to act in')
    .option('--profile-url <url>', "the identity endpoint that validates a token (default: the issuer's userinfo)")
    .option('--store <store>', 'auto, keychain, file, encrypted or memory')
    .option('--timeout <seconds>', 'give up after this long')
    .option('--no-qr', 'no QR code in the device flow')
    .option('--insecure', 'allow plain http:// to a host that is not loopback (with a warning)')
    .addOption(new Option('--web', 'the browser flow (not available yet)'))
    .addOption(new Option('--no-browser', 'the browser flow without a browser (not available yet)'))
    .addOption(new Option('--port <n>').hideHelp())
    .addOption(new Option('--port-range <range>').hideHelp())
    .addHelpText('after', loginHelp)
}

const loginHelp = `
A token is never taken from the config file. Give it on stdin:
  $ authcli auth login --host https://api.example.com --with-token < token.txt
  $ echo "$TOKEN" | authcli auth login --token-stdin --profile-url /api/v1/profile
A client (CI) reads its secret from ${ENV_PREFIX}_CLIENT_SECRET, --client-secret-env VAR or --client-secret-file PATH:
  $ ${ENV_PREFIX}_CLIENT_SECRET=... authcli auth login --client-credentials --client-id ci-bot --scope api:read
The device flow prints a code to enter on another device (--json: the code as JSON on stdout first):
  $ authcli auth login --device`

const tokenHelp = `
${ENV_PREFIX}_TOKEN, when set, wins and is printed as is. Examples:
  $ curl -H "Authorization: Bearer $(authcli auth token)" https://api.example.com/user
  $ authcli auth token --profile ci`
