import { packageConfig } from '../../tsup.base'
export default packageConfig({ entries: ['src/index.ts', 'src/kit.ts', 'src/token-index.ts'] })
