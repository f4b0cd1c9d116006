/**
 * FNV-1a, 32 bits, as 8 hex digits: a short stable file-name part (a lock, a cache file) without
 * loading `node:crypto`. Not a digest to trust: anyone can make two texts collide.
 * @example `fnv1a('https://api.example.com#alice')` is 8 hex digits, the same in every process
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  return hash.toString(16).padStart(8, '0')
}
