// The child side of the stores' multi-process tests (concurrent-processes.test.ts, sigkill.test.ts
// in store-file and store-encrypted): what a child does with the store its fixture made. Talks
// on stdout line by line, as `spawnChild` (`@auth/testing/children`) reads it.
import { credentialFor, savedCredential } from './fixtures.js'

/**
 * Says `ready`, waits for a line on stdin, then saves `count` credentials (`savedCredential(index, j)`
 * under `keyOf(j)`), each a separate locked write; says `done` and exits.
 *
 * @example
 * saveOnGo(createFileStore({ dir }), (j) => credentialKey(`host-${index}.example.com`, `account-${j}`), index, count)
 */
export function saveOnGo<K>(store: { set(key: K, value: ReturnType<typeof savedCredential>): Promise<void> }, keyOf: (j: number) => K, index: number, count: number): void {
  process.stdin.once('data', async () => {
    for (let j = 0; j < count; j++) await store.set(keyOf(j), savedCredential(index, j))
    process.stdout.write('done\n')
    process.exit(0)
  })
  process.stdout.write('ready\n')
}

/**
 * Writes ever-bigger credentials (`credentialFor(i)`) under `key` until the process is killed,
 * continuing from the last number the store holds: says `ready <first>`, then `wrote` after the
 * first write.
 */
export async function writeUntilKilled<K>(
  store: { get(key: K): Promise<{ obtainedAt: number } | undefined>; set(key: K, value: ReturnType<typeof credentialFor>): Promise<void> },
  key: K,
): Promise<never> {
  const start = ((await store.get(key))?.obtainedAt ?? 0) + 1
  process.stdout.write(`ready ${start}\n`)
  await store.set(key, credentialFor(start))
  process.stdout.write('wrote\n')
  for (let i = start + 1; ; i++) await store.set(key, credentialFor(i))
}
