export { startDevServer } from './start-dev-server.js'
export {
  API_ACCEPTED_SCOPES,
  API_SCOPES,
  DEFAULT_LOGIN,
  DEV_CLIENT_IDS,
  DEV_SCOPES,
  DEVICE_CODE_GRANT,
  OIDC_SCOPES,
  PAT_PREFIX,
} from './constants.js'
export type {
  ApproveDeviceOptions,
  AuthorizeOptions,
  DevClients,
  DevServer,
  DevServerOptions,
  JwtClientInfo,
  MintPatOptions,
  NativeClientInfo,
  SecretClientInfo,
} from './types.js'
