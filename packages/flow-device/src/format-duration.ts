// Kept for the package's public API; the helper lives once in core's kit (the browser flow says durations too).
export { formatDuration } from '@auth/core/kit'
