import { CancelledError, ConfigError, ErrorCode } from '@auth/core'
import { DOCKER_NOT_FOUND, MAX_DOCKER_INPUT_BYTES, serveDockerCredential, type DockerCredentialAnswer } from '@auth/credential-helpers'
import type { Command } from 'commander'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, Mount, ParseInput } from '../command.js'
import type { CliContext, InputStream } from '../context.js'
import { READ_ONLY } from '../profile-credential.js'
import { profileSession } from '../session.js'

/** `docker-credential OPERATION`. */
export interface DockerCredentialOptions {
  /** `get`, `store`, `erase` or `list` (anything else gets docker's "Unknown credential action"). */
  operation: string
}

/**
 * `docker-credential OPERATION`: a word.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for an operation that is not a word.
 */
export function parseDockerCredentialOptions({ args }: ParseInput): DockerCredentialOptions {
  const operation = typeof args[0] === 'string' ? args[0].trim() : ''
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/.test(operation)) {
    throw new ConfigError('OPERATION must be get, store, erase or list', { code: ErrorCode.USAGE_ERROR, hint: `docker runs it for you: set "credsStore": "${CLI_NAME}" in ~/.docker/config.json` })
  }
  return { operation }
}

/**
 * docker's credential helper for the active host (or `--host` / `--profile`):
 * `@auth/credential-helpers`' `serveDockerCredential` over the profile's session. With no host
 * configured every server is "not found" (exit 1), as docker expects of a helper with nothing
 * (`AUTHCLI_TOKEN` alone names no server, so it is never handed out here).
 * @throws AuthError when a renewal or a store fails (exit 4, 5, 6).
 */
export async function runDockerCredential(options: DockerCredentialOptions, ctx: CliContext): Promise<DockerCredentialAnswer> {
  const input = options.operation === 'list' ? '' : await readInput(ctx.stdin, ctx.signal)
  // No host: nothing to serve (an AUTHCLI_TOKEN alone names no server, so it is never handed to one).
  if (ctx.resolveProfile({}, READ_ONLY).host === undefined) {
    return options.operation === 'list' ? { stdout: '{}\n', exitCode: 0 } : { stdout: `${DOCKER_NOT_FOUND}\n`, exitCode: 1 }
  }
  const { auth } = profileSession(ctx)
  return serveDockerCredential(options.operation, input, { auth, loginCommand: `${CLI_NAME} auth login` })
}

/** The answer on stdout, byte for byte; its exit code through {@link dockerCredentialCommand}'s `exitCode`. */
export function renderDockerCredential(answer: DockerCredentialAnswer, ctx: CliContext): void {
  ctx.out.write(answer.stdout)
}

/** stdin to the end, at most {@link MAX_DOCKER_INPUT_BYTES}. */
async function readInput(stream: InputStream | undefined, signal?: AbortSignal): Promise<string> {
  if (!stream) return ''
  stream.setEncoding?.('utf8')
  let text = ''
  for await (const chunk of stream) {
    if (signal?.aborted) throw new CancelledError('interrupted while reading standard input')
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (Buffer.byteLength(text) > MAX_DOCKER_INPUT_BYTES) {
      throw new ConfigError(`docker-credential: the input is larger than ${MAX_DOCKER_INPUT_BYTES} bytes`, { code: ErrorCode.USAGE_ERROR, hint: 'docker writes the server URL, or one JSON object' })
    }
  }
  return text
}

export const dockerCredentialCommand: CommandSpec<DockerCredentialOptions, DockerCredentialAnswer> = {
  id: 'docker-credential',
  parse: parseDockerCredentialOptions,
  run: runDockerCredential,
  render: renderDockerCredential,
  exitCode: (answer) => answer.exitCode,
}

/** Adds `docker-credential <operation>`. */
export function registerDockerCredentialCommand(program: Command, mount: Mount): void {
  mount(
    program
      .command('docker-credential')
      .description("docker's credential helper: hands the active host's token to docker (get|store|erase|list)")
      .argument('<operation>', 'get, store, erase or list (docker runs it)')
      .addHelpText('after', dockerHelp),
    dockerCredentialCommand,
  )
}

const dockerHelp = `
Installed as docker-credential-${CLI_NAME} (the same program under that name), it is docker's helper:
  ~/.docker/config.json: { "credHelpers": { "registry.example.com": "${CLI_NAME}" } }
get answers only for the active host (exact host[:port], https or loopback http), with the access
token (renewed first) as the password; store accepts only the token it handed out; erase logs out.`
