import { appConfig } from '../../tsup.base'

export default appConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts', testing: 'src/testing/index.ts', mcp: 'src/mcp/index.ts' },
  format: ['esm'],
  // The MCP SDK, jose and zod stay imports (dev dependencies present in the workspace), not bundled copies.
  external: ['@modelcontextprotocol/sdk', 'jose', 'zod'],
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', mcp: 'src/mcp/index.ts' } },
})
