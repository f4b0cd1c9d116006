import { writeSync } from 'node:fs'
import { homedir } from 'node:os'
import { VERSION } from './app.js'
import { installCodeCache } from './code-cache.js'
import { dockerHelperArgv } from './helper-name.js'
import { type HotAnswer, hotToken } from './hot-token.js'
import { tokenIndexDir } from './token-index-inputs.js'

// The entry point of the bundled `authcli`. Its static imports are only what answers the hot
// path: `authcli auth token`, when the token index (written by an earlier full run with the same
// flags and environment) says where the token is and nothing it depended on changed, prints it
// with `node:fs` alone; when that token is no longer fresh, one process renews it through the
// full CLI while the others started with it wait for the index to answer again. Everything else
// loads the CLI (cli-main.ts) first.

// Installed as `docker-credential-authcli` (a second name of this program), docker runs
// `docker-credential-authcli get`: that is `authcli docker-credential get`.
const argv = dockerHelperArgv(process.argv)
let answer: HotAnswer
try {
  answer = hotToken(argv, process.env, homedir())
} catch {
  // Never on purpose (the reader answers `undefined` on any doubt): the full CLI decides.
}
// The leader of a renewal (hot-token.ts) removes its marker however the process ends: the CLI's
// own Ctrl-C and SIGTERM handling ends through `exit` too; a killed leader's marker is judged
// stale by its followers and the next run.
if (answer?.kind === 'lead') process.on('exit', answer.release)
if (answer?.kind !== 'token' || !printLine(answer.token)) {
  // The full CLI's chunks load through V8's code cache in the config folder (code-cache.ts).
  installCodeCache(tokenIndexDir(process.env, homedir()), __dirname, VERSION)
  void import('./cli-main.js').then((cli) => cli.runProcess(argv))
}

/**
 * Writes the line to file descriptor 1 directly: creating `process.stdout` costs more than the
 * rest of the hot path. A reader that closed the pipe early (`| head -1`) is not an error, as
 * in the full CLI; a non-blocking pipe that is full takes the rest through the stream. `false`
 * when nothing could be written for another reason (a full disk): the full CLI then runs, and
 * reports it as it does.
 */
function printLine(text: string): boolean {
  const line = `${text}\n`
  try {
    // The token is ASCII: characters are bytes.
    const written = writeSync(1, line)
    if (written < line.length) process.stdout.write(line.slice(written))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EAGAIN') process.stdout.write(line)
    else if (code !== 'EPIPE') return false
  }
  return true
}
