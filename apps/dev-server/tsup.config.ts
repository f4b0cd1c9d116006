import { appConfig } from '../../tsup.base'

export default appConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts', testing: 'src/testing/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' } },
})
