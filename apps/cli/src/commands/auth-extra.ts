import type { Command } from 'commander'
import type { Mount } from '../command.js'
import { authGitCredentialCommand } from './auth-git-credential.js'
import { authRefreshCommand } from './auth-refresh.js'
import { authSwitchCommand } from './auth-switch.js'
import { authWhoamiCommand } from './auth-whoami.js'

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value]

/** Adds `auth refresh|switch|whoami|git-credential` to the `auth` group. */
export function registerAuthExtraCommands(auth: Command, mount: Mount): void {
  mount(
    auth
      .command('refresh')
      .description("renew the token now (--scope: narrow a refresh, or change a client's scopes)")
      .option('--scope <scope>', "a scope to ask for instead of the login's (repeatable)", collect)
      .addHelpText('after', refreshHelp),
    authRefreshCommand,
  )
  mount(
    auth
      .command('switch')
      .description('make a host (--host), profile (--profile) or account (--account) the active one')
      .option('--account <name>', 'one of several accounts logged in to the host')
      .addHelpText('after', switchHelp),
    authSwitchCommand,
  )
  mount(auth.command('whoami').description('who the token belongs to (as captured at login; offline)'), authWhoamiCommand)
  mount(
    auth
      .command('git-credential')
      .argument('<operation>', 'get, store or erase (git passes it)')
      .description("git's credential helper: answers the token for the active host")
      .addHelpText('after', gitCredentialHelp),
    authGitCredentialCommand,
  )
}

const refreshHelp = `
A device login renews with its refresh token (a rotated one is written back to the same store);
a client-credentials login gets a new grant with the same secret source. A personal access token
cannot be refreshed. A refresh can narrow the scopes, never widen them (log in again for that).
Examples:
  $ authcli auth refresh
  $ authcli auth refresh --scope openid --scope api:read --json`

const switchHelp = `
--host and --profile on other commands act on a host or profile without changing the active one.
Examples:
  $ authcli auth switch --host https://api.example.com
  $ authcli auth switch --profile work
  $ authcli auth switch --account bob`

const gitCredentialHelp = `
Set it up once (for every host, or for one URL prefix):
  $ git config --global credential.helper '!authcli auth git-credential'
  $ git config --global credential.https://git.example.com.helper '!authcli --host https://git.example.com auth git-credential'
'get' answers only for the active host (or --host / --profile); 'store' and 'erase' change nothing:
auth login and auth logout manage the token.`
