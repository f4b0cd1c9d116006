// The floor of `auth token`: a CommonJS script that reads the credentials file and prints the
// token, nothing else (no config, no expiry check, no store choice).
const { readFileSync } = require('node:fs')
const { join } = require('node:path')
const doc = JSON.parse(readFileSync(join(process.env.AUTHCLI_CONFIG_DIR, 'credentials'), 'utf8'))
process.stdout.write(`${Object.values(doc.credentials)[0].accessToken}\n`)
