// `@auth/testing`: what the tests of every workspace share, so no test folder keeps its own copy.
// Test code only: private, never built or published; consumers import this TypeScript source
// directly (vitest transforms it, tsc checks it with the consumer). `@auth/testing/children`
// (esbuild, child processes) and `@auth/testing/fuzz` (fast-check, @auth/core) are separate
// entries so that a unit test loads neither.
export {
  countingStore,
  credentialFor,
  deadPid,
  deferred,
  isRoot,
  isWindows,
  makeCredential,
  manualClock,
  recordingLogger,
  rejection,
  savedCredential,
  tempDirs,
  type StoreLike,
  type TestCredential,
} from './fixtures.js'
export { startLocalServer, type LocalServer } from './local-server.js'
export { saveOnGo, writeUntilKilled } from './store-children.js'
export { readmeExample, runExample, type ExampleRun, type ReadmeExample, type RunExampleOptions } from './readme.js'
