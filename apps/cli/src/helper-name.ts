import { CLI_NAME } from './app.js'

/** The name under which docker finds this program as its credential helper (`credsStore: "authcli"`). */
export const DOCKER_HELPER_NAME = `docker-credential-${CLI_NAME}`

/**
 * The command line to run: `process.argv` without node and the script, with `docker-credential`
 * put first when the program was started as {@link DOCKER_HELPER_NAME} (argv[0]-style, as busybox
 * does), so `docker-credential-authcli get` runs `authcli docker-credential get`.
 * @example `dockerHelperArgv(['node', '/usr/bin/docker-credential-authcli', 'get'])` is `['docker-credential', 'get']`
 */
export function dockerHelperArgv(argv: readonly string[]): string[] {
  const rest = argv.slice(2)
  const name = (argv[1] ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.(c?js|exe)$/, '')
  return name === DOCKER_HELPER_NAME ? ['docker-credential', ...rest] : rest
}
