import type { Command } from 'commander'
import { ENV_PREFIX } from '../app.js'
import { addGroup, type Mount } from '../command.js'
import { registerAuthExtraCommands } from './auth-extra.js'
import { authLoginUrlCommand, authLogoutAnyCommand, authStatusAnyCommand, authTokenAnyCommand } from './auth-url.js'

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value]

/** Adds `auth login|token|status|logout|refresh|switch|whoami|git-credential`. */
export function registerAuthCommands(program: Command, mount: Mount): void {
  const auth = addGroup(program, 'auth', 'log in, print tokens, see and end sessions')
  mount(loginCommand(auth), authLoginUrlCommand)
  mount(
    auth
      .command('token')
      .description('print the access token (renewed first when it is about to expire)')
      .option('--format <format>', "k8s: a kubectl ExecCredential (client.authentication.k8s.io/v1) for a kubeconfig's exec plugin")
      .option('--url <url>', 'the token of the resource (MCP server) logged in to with auth login --url')
      .addHelpText('after', tokenHelp),
    authTokenAnyCommand,
  )
  mount(
    auth
      .command('status')
      .description('every profile: account, flow, where it is stored, expiry, scopes, and whether the server accepts the token; exit 4 when the active one is not logged in')
      .option('--show-token', 'print the tokens in full (masked otherwise)')
      .option('--offline', 'do not ask the server whether the tokens still work'),
    authStatusAnyCommand,
  )
  mount(
    auth
      .command('logout')
      .description('forget the credential in every store that holds it, and revoke it at the server')
      .option('--all', 'log out of every host')
      .option('--url <url>', 'log out of the resource (MCP server) logged in to with auth login --url'),
    authLogoutAnyCommand,
  )
  registerAuthExtraCommands(auth, mount)
}

function loginCommand(auth: Command): Command {
  return auth
    .command('login')
    .description('log in and store the credential')
    .option('--with-token [token]', 'a personal access token; without a value it is read from stdin')
    .option('--token-stdin', 'read a personal access token from stdin')
    .option('--web', 'the browser flow: authorization code + PKCE (the default where a browser can open)')
    .option('--no-browser', 'the browser flow without opening a browser: print the URL, paste back the address it lands on')
    .option('--device', 'the device code flow (the default over SSH or without a display)')
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
    .option('--port <n>', 'the browser flow: one fixed loopback port for the callback (e.g. with ssh -L)')
    .option('--port-range <range>', 'the browser flow: the loopback ports to try, default 8765-8769')
    .option('--resource <uri>', 'a resource indicator to ask a token for (RFC 8707, repeatable)', collect)
    .option('--begin', 'with --device: begin the login and return at once; --json prints the code and a handle')
    .option('--resume <handle>', 'finish the device login --begin started (exit 4 denied or expired)')
    .option('--no-wait', 'with --resume: ask once; exit 3 while the login is still pending')
    .option('--url <url>', 'log in to a protected resource (an MCP server) from its URL: discovery, client registration, login')
    .addHelpText('after', loginHelp)
}

const loginHelp = `
A token is never taken from the config file. Give it on stdin:
  $ authcli auth login --host https://api.example.com --with-token < token.txt
  $ echo "$TOKEN" | authcli auth login --token-stdin --profile-url /api/v1/profile
A client (CI) reads its secret from ${ENV_PREFIX}_CLIENT_SECRET, --client-secret-env VAR or --client-secret-file PATH:
  $ ${ENV_PREFIX}_CLIENT_SECRET=... authcli auth login --client-credentials --client-id ci-bot --scope api:read
The browser flow opens the login page ($BROWSER first) and waits on 127.0.0.1 for the redirect:
  $ authcli auth login --web
Over SSH, --no-browser prints the URL and reads back the address your browser lands on:
  $ authcli auth login --no-browser
or forward the callback port from your laptop (ssh -L 8765:127.0.0.1:8765 HOST) and pin it:
  $ authcli auth login --web --port 8765
The device flow prints a code to enter on another device (--json: the code as JSON on stdout first):
  $ authcli auth login --device
Without blocking (agents, scripts): --begin prints the code and a handle, --resume finishes:
  $ authcli auth login --device --begin --json --host https://api.example.com
  $ authcli auth login --resume HANDLE --no-wait   # exit 3 while pending, 0 once logged in
A protected resource (an MCP server) from its URL alone; stored under that URL:
  $ authcli auth login --url https://mcp.example.com/mcp
  $ authcli auth token --url https://mcp.example.com/mcp`

const tokenHelp = `
${ENV_PREFIX}_TOKEN, when set, wins and is printed as is. Examples:
  $ curl -H "Authorization: Bearer $(authcli auth token)" https://api.example.com/user
  $ authcli auth token --profile ci
  $ authcli auth token --format k8s    # kubeconfig users[].user.exec: { apiVersion: client.authentication.k8s.io/v1, command: authcli, args: [auth, token, --format, k8s] }`
