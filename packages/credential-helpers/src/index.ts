/**
 * `@auth/credential-helpers`: the credential-helper protocols through which other tools use a
 * product's one stored login: docker's credential helper (`docker-credential-<name>`) and
 * kubectl's exec plugin (`ExecCredential`). Each answers only for the session's own host.
 */
export { serveDockerCredential, DOCKER_TOKEN_USERNAME } from './docker-helper.js'
export type { DockerCredentialAnswer, DockerCredentialOptions } from './docker-helper.js'
export { DOCKER_MISSING_SERVER_URL, DOCKER_MISSING_USERNAME, DOCKER_NOT_FOUND, MAX_DOCKER_INPUT_BYTES, goJson, parseDockerStore, readServerUrl } from './docker-protocol.js'
export type { DockerCredentials } from './docker-protocol.js'
export { matchesServer, serverAddress } from './match-server.js'
export { EXEC_CREDENTIAL_VERSIONS, execCredential, parseExecInfo } from './exec-credential.js'
export type { ExecCredential, ExecInfo } from './exec-credential.js'
