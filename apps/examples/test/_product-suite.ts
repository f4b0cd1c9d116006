// The hooks every product test opens with: the dev server for the file, and the product bundled
// once into a temp folder (removed after the file).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer, type DevServerOptions } from '@auth/dev-server'
import type { BuildOptions } from 'esbuild'
import { afterAll, beforeAll } from 'vitest'
import { bundle } from './_product.js'

/** What {@link productSuite} gives a file, once its `beforeAll` has run. */
export interface ProductSuite {
  readonly server: DevServer
  /** The file's temp folder: the bundle, and the sandboxes the tests make in it. */
  readonly work: string
  /** The bundled product (`node <cli> ARGS`). */
  readonly cli: string
}

/**
 * Registers the file's hooks: before all tests (60 s), the dev server (`serverOptions`, on an
 * ephemeral port), a temp folder `<workPrefix>XXXXXX` and the product `name` bundled into it
 * (`define` may read the server, for a build-time client id); after all, both gone.
 *
 * @example
 * const p = productSuite('yaml-config', 'example-yaml-', { deviceInterval: 0.05 })
 * await run(p.cli, ['auth', 'login'], env)
 */
export function productSuite(name: string, workPrefix: string, serverOptions: DevServerOptions = {}, define?: (server: DevServer) => NonNullable<BuildOptions['define']>): ProductSuite {
  let ready: ProductSuite | undefined
  let server: DevServer | undefined
  let work: string | undefined
  beforeAll(async () => {
    server = await startDevServer({ port: 0, ...serverOptions })
    work = await mkdtemp(join(tmpdir(), workPrefix))
    const cli = await bundle(name, work, define === undefined ? {} : { define: define(server) })
    ready = { server, work, cli }
  }, 60_000)
  afterAll(async () => {
    await server?.close()
    if (work) await rm(work, { recursive: true, force: true })
  })
  const get = (): ProductSuite => {
    if (ready === undefined) throw new Error(`productSuite(${name}): used before its beforeAll ran`)
    return ready
  }
  return {
    get server() {
      return get().server
    },
    get work() {
      return get().work
    },
    get cli() {
      return get().cli
    },
  }
}
