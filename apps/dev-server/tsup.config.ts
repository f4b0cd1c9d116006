import { appConfig } from '../../tsup.base'

export default appConfig({ entry: ['src/index.ts', 'src/bin.ts'], format: ['esm'], dts: { entry: 'src/index.ts' } })
