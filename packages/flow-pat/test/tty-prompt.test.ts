// The hidden prompt on a real pseudo-terminal (util-linux `script`): a product that passes no
// prompter still gets core's terminal prompter, and the pasted token is never echoed.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0
const PROGRAM = join(import.meta.dirname, 'fixtures', 'tty-login.mjs')

let server: DevServer
let dir: string

beforeAll(async () => {
  server = await startDevServer({ port: 0 })
  dir = await mkdtemp(join(tmpdir(), 'pat-tty-'))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

/** Runs the program on a pty; `keys` are typed once the prompt shows. Resolves the terminal's text and the exit code. */
function onTerminal(keys: string): Promise<{ output: string; code: number | null }> {
  const command = `'${process.execPath}' '${PROGRAM}' '${server.issuer}' '${dir}'`
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm' } })
  let output = ''
  let typed = false
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
    if (!typed && output.includes('Paste the token for')) {
      typed = true
      setTimeout(() => child.stdin.write(keys), 100)
    }
  })
  const timer = setTimeout(() => child.kill(), 15_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ output, code })
    }),
  )
}

describe.skipIf(!HAS_SCRIPT)('the PAT prompt at a terminal, with no prompter from the product', () => {
  it('asks on the terminal, echoes nothing of the pasted token, and logs in', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const { output, code } = await onTerminal(`${token}\r`)
    expect(output).toContain(`Paste the token for ${server.issuer}:`)
    expect(output).toContain('logged in as alice')
    expect(output).not.toContain(token)
    expect(output).not.toContain(token.slice(4, 12))
    expect(code).toBe(0)
  })

  it('Ctrl-C at the prompt cancels (exit 130) on a fresh line', async () => {
    const { output, code } = await onTerminal('dvp_half\x03')
    expect(output).not.toContain('dvp_half')
    expect(output).toMatch(/Paste the token for [^\n]*\r?\n(\x1b\[[0-9;]*[A-Za-z])*error\[CANCELLED\]/)
    expect(code).toBe(130)
  })
})
