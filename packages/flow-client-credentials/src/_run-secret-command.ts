import { spawn } from 'node:child_process'
import { basename } from 'node:path'
import { redact } from '@auth/core'
import { sanitizeText } from '@auth/core/kit'
import { unusable } from './_unusable.js'

/** A secret printed by a secrets manager is short: more than this is the wrong command. */
const MAX_STDOUT = 64 * 1024
/** Enough of the command's stderr to explain a failure. */
const MAX_STDERR = 4 * 1024
/** The default wait for the secrets manager, ms. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000

/**
 * Runs a secrets manager's CLI (`az keyvault secret show ... --query value -o tsv`, `vault kv get
 * -field=secret ...`, `op read op://...`, `secret-tool lookup ...`) without a shell and resolves
 * what it printed on stdout. stdin is closed; the child is killed (SIGKILL) after `timeoutMs`;
 * stdout over 64 KiB is refused. A failure names the program and its exit code, with the first
 * 300 characters of its stderr made terminal-safe and redacted (never the secret). Internal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4): the program is missing, failed, timed out
 *   or printed too much.
 */
export function runSecretCommand(command: readonly string[], timeoutMs: number, env: Record<string, string | undefined>): Promise<string> {
  const [program, ...args] = command as [string, ...string[]]
  const name = basename(program)
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], env: env as NodeJS.ProcessEnv, windowsHide: true })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let outBytes = 0
    let errBytes = 0
    let failure: Error | undefined
    const fail = (error: Error) => {
      failure ??= error
      child.kill('SIGKILL')
      // A child the program left behind (a wrapper script's) may hold the pipes open: 'close' must not wait for it.
      child.stdout.destroy()
      child.stderr.destroy()
    }
    const timer = setTimeout(
      () =>
        fail(
          unusable(
            `the secrets manager command ${name} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
            `check that ${name} works on its own (signed in, reachable), or raise the command's timeoutMs`,
          ),
        ),
      timeoutMs,
    )
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length
      if (outBytes > MAX_STDOUT) fail(unusable(`the secrets manager command ${name} printed more than 64 KiB`, 'make the command print the secret alone'))
      else out.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < MAX_STDERR) err.push(chunk.subarray(0, MAX_STDERR - errBytes))
      errBytes += chunk.length
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT'
      fail(
        unusable(
          missing ? `the secrets manager command ${name} was not found` : `the secrets manager command ${name} could not be started (${sanitizeText(error.code ?? 'error', 40)})`,
          missing ? `install ${name}, or give its full path as the command's first element` : `check that ${program} can be run by this user`,
        ),
      )
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (failure !== undefined) return reject(failure)
      if (code !== 0) {
        const said = sanitizeText(redact(Buffer.concat(err).toString('utf8')))
        const status = signal === null ? `exit ${code}` : `signal ${signal}`
        return reject(unusable(`the secrets manager command ${name} failed (${status})${said === '' ? '' : `: ${said}`}`, `run the command yourself to see why (signed in? the secret's name?)`))
      }
      resolve(Buffer.concat(out).toString('utf8'))
    })
  })
}
