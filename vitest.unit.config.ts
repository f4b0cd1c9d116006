// `npm run test:unit`: the unit tests only (every workspace's src/**/*.test.ts, beside the code), in
// one vitest run over all workspaces, in seconds. `npm test` runs these and the integration and
// end-to-end tests in test/ (the real dev server, keychain, Chromium and processes).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import shared from './vitest.shared.ts'

const root = fileURLToPath(new URL('.', import.meta.url))
const workspaces = ['packages', 'apps'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`)).filter((dir) => existsSync(join(root, dir, 'src')))
const { include: _all, reporters: _perPackage, ...options } = shared.test ?? {}

export default defineConfig({
  test: {
    projects: workspaces.map((dir) => ({ test: { ...options, name: dir, root: join(root, dir), include: ['src/**/*.test.ts'] } })),
  },
})
