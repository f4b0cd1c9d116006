// The hooks most end-to-end files open with: the BUILT binary required, the real dev server
// started once for the file, a fresh temp HOME and config folder for every test.
import { rm } from 'node:fs/promises'
import { startDevServer, type DevServer, type DevServerOptions } from '@auth/dev-server'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { requireBuilt, tempHome } from './_run.js'

/** What {@link e2eSuite} gives a file: the dev server, and the current test's folders. */
export interface E2eSuite {
  readonly server: DevServer
  /** The test's temp folder (removed after the test), holding `home` and `configDir`. */
  readonly dir: string
  readonly home: string
  /** AUTHCLI_CONFIG_DIR: inside `dir`, not created. */
  readonly configDir: string
}

/**
 * Registers the file's hooks: `requireBuilt()` and the dev server (`options`, on an ephemeral
 * port) before all tests, `tempHome(name)` before each test, removed after it.
 *
 * @example
 * const e2e = e2eSuite('pkce-cli')
 * const env = () => baseEnv(e2e.home, e2e.configDir, { AUTHCLI_STORE: 'file' })
 */
export function e2eSuite(name: string, options: DevServerOptions = {}): E2eSuite {
  let server: DevServer | undefined
  let paths: { dir: string; home: string; configDir: string } | undefined
  beforeAll(async () => {
    requireBuilt()
    server = await startDevServer({ port: 0, ...options })
  })
  afterAll(() => server?.close())
  beforeEach(async () => {
    const made = await tempHome(name)
    paths = made
    return () => rm(made.dir, { recursive: true, force: true })
  })
  const inTest = () => {
    if (paths === undefined) throw new Error('e2eSuite: the temp HOME exists only inside a test')
    return paths
  }
  return {
    get server() {
      if (server === undefined) throw new Error('e2eSuite: the dev server has not started')
      return server
    },
    get dir() {
      return inTest().dir
    },
    get home() {
      return inTest().home
    },
    get configDir() {
      return inTest().configDir
    },
  }
}
