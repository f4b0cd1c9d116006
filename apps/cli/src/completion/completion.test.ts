// The completion scripts, generated from the real command tree and run in the real shells:
// bash always (COMP_WORDS/COMP_CWORD as bash sets them); zsh and fish where installed.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Argument, Command, Option } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testRuntime } from '../_testing.js'
import { completionScript } from '../commands/completion.js'
import { buildProgram } from '../program.js'
import { allCommands, completionTree } from './completion-tree.js'

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0
let dir: string
let program: Command
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authcli-completion-'))
  program = buildProgram(await testRuntime())
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** The subcommands of `top-level`, `auth`, `store`, as the tree has them (other commands come and go). */
function subcommands(group: string): string[] {
  const tree = completionTree(program)
  const names = (group === 'top-level' ? tree : tree.commands.find((c) => c.name === group))?.commands.map((c) => c.name) ?? []
  expect(names).toEqual(
    expect.arrayContaining(
      group === 'top-level' ? ['auth', 'config', 'profiles', 'store', 'completion', 'help'] : group === 'auth' ? ['login', 'token', 'status', 'logout'] : ['status', 'migrate', 'rotate-key'],
    ),
  )
  return names
}

async function scriptFile(shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const file = join(dir, `authcli.${shell}`)
  await writeFile(file, completionScript(program, shell))
  return file
}

describe('completionTree', () => {
  it('has every visible command, flag and fixed value, including the browser flow flags', () => {
    const tree = completionTree(program)
    const paths = allCommands(tree).map((c) => c.path)
    expect(paths).toEqual(expect.arrayContaining(['', 'auth', 'auth login', 'auth token', 'config get', 'store migrate', 'store rotate-key', 'completion', 'help']))
    const login = allCommands(tree).find((c) => c.path === 'auth login')
    expect(login?.options.find((o) => o.long === '--store')?.value).toEqual(['auto', 'keychain', 'file', 'encrypted', 'memory'])
    expect(login?.options.find((o) => o.long === '--client-secret-file')?.value).toBe('file')
    expect(login?.options.find((o) => o.long === '--with-token')?.value).toBe('none')
    expect(login?.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--web', '--no-browser', '--port', '--port-range', '--resource']))
    expect(
      allCommands(tree)
        .find((c) => c.path === 'store migrate')
        ?.options.find((o) => o.long === '--to')?.value,
    ).toEqual(['keychain', 'file', 'encrypted'])
    expect(allCommands(tree).find((c) => c.path === 'completion')?.argValues).toEqual(['bash', 'zsh', 'fish'])
    expect(tree.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--host', '--profile', '--config', '--json', '--debug', '--no-color', '--help', '--version']))
    expect(tree.options.find((o) => o.long === '--config')?.value).toBe('file')
    expect(tree.options.find((o) => o.long === '--help')?.short).toBe('-h')
  })

  it('follows the tree it is given: a new command shows up with no change here', () => {
    const root = new Command('x').option('--level <n>', 'how much')
    root
      .command('paint')
      .addArgument(new Argument('<colour>').choices(['red', 'blue']))
      .addOption(new Option('--finish <f>').choices(['matt', 'gloss']))
      .addOption(new Option('--secret').hideHelp())
    const tree = completionTree(root)
    expect(tree.commands.map((c) => c.name)).toEqual(['paint', 'help'])
    expect(tree.commands[0]).toMatchObject({
      path: 'paint',
      argValues: ['red', 'blue'],
      options: [
        { long: '--finish', value: ['matt', 'gloss'] },
        { long: '--help', short: '-h', value: 'none' },
      ],
    })
  })
})

/** What bash offers for `words` (the last one is the word being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ')
  const script = `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}; _authcli; printf '%s\\n' "\${COMPREPLY[@]}"`
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd: dir })
  expect(result.status, result.stderr).toBe(0)
  expect(result.stderr).toBe('')
  return result.stdout.split('\n').filter(Boolean)
}

describe('bash', () => {
  it('is valid bash and registers the function', async () => {
    const file = await scriptFile('bash')
    expect(spawnSync('bash', ['-n', file]).status).toBe(0)
    const result = spawnSync('bash', ['--norc', '-c', `source '${file}' && complete -p authcli`], { encoding: 'utf8' })
    expect(result.stdout.trim()).toBe('complete -F _authcli authcli')
  })

  it.each([
    [['authcli', ''], 'the top-level commands'],
    [['authcli', 'au'], ['auth']],
    [['authcli', 'auth', ''], 'the auth commands'],
    [
      ['authcli', 'auth', 'lo'],
      ['login', 'logout'],
    ],
    [['authcli', 'store', ''], 'the store commands'],
    [['authcli', '--json', 'store', 'm'], ['migrate']],
    [['authcli', '--profile', 'work', 'auth', 't'], ['token']],
    [['authcli', 'auth', 'login', '--st'], ['--store']],
    [
      ['authcli', 'auth', 'login', '--store', ''],
      ['auto', 'keychain', 'file', 'encrypted', 'memory'],
    ],
    [['authcli', 'auth', 'login', '--store', 'e'], ['encrypted']],
    [['authcli', 'auth', 'login', '--store', '=', 'k'], ['keychain']],
    [['authcli', 'auth', 'login', '--store=f'], ['--store=file']],
    [
      ['authcli', 'store', 'migrate', '--to', ''],
      ['keychain', 'file', 'encrypted'],
    ],
    [
      ['authcli', 'completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
    [['authcli', 'completion', 'z'], ['zsh']],
    [['authcli', 'completion', 'bash', ''], []],
    [
      ['authcli', 'auth', 'status', '--'],
      ['--show-token', '--offline', '--help', '--host', '--profile', '--config', '--json', '--debug', '--no-color'],
    ],
    [['authcli', '--ve'], ['--version']],
    [['authcli', 'config', 'get', 'host', '--j'], ['--json']],
    [['authcli', '--host', ''], []],
    [['authcli', 'help', 'p'], ['profiles']],
  ])('%j -> %j', async (words, expected) => {
    expect(bashComplete(await scriptFile('bash'), words)).toEqual(typeof expected === 'string' ? subcommands(expected.split(' ')[1] as string) : expected)
  })

  it('completes files for --config and --client-secret-file', async () => {
    await writeFile(join(dir, 'flyte.yaml'), 'admin: {}\n')
    const file = await scriptFile('bash')
    expect(bashComplete(file, ['authcli', '--config', 'fly'])).toEqual(['flyte.yaml'])
    expect(bashComplete(file, ['authcli', 'auth', 'login', '--client-secret-file', 'fly'])).toEqual(['flyte.yaml'])
  })
})

describe.skipIf(!has('zsh'))('zsh', () => {
  it('is valid zsh', async () => {
    const result = spawnSync('zsh', ['-n', await scriptFile('zsh')], { encoding: 'utf8' })
    expect(result.status, result.stderr).toBe(0)
  })

  it('offers what bash offers (the completion system stubbed to print)', async () => {
    const file = await scriptFile('zsh')
    const run = (words: string[]) => {
      const script = `compdef() { :; }; source '${file}'
_describe() { local -a arr; arr=("\${(@P)4}"); print -rl -- "\${arr[@]%%:*}"; }
compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
_files() { print -r -- '<files>'; }; _message() { :; }; compset() { :; }
words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _authcli`
      const result = spawnSync('zsh', ['-f', '-c', script], { encoding: 'utf8' })
      expect(result.stderr).toBe('')
      return result.stdout.split('\n').filter(Boolean)
    }
    expect(run(['authcli', ''])).toEqual(subcommands('top-level'))
    expect(run(['authcli', 'store', 'migrate', '--to', ''])).toEqual(['keychain', 'file', 'encrypted'])
    expect(run(['authcli', 'auth', 'login', '--store', ''])).toEqual(['auto', 'keychain', 'file', 'encrypted', 'memory'])
    expect(run(['authcli', 'completion', ''])).toEqual(['bash', 'zsh', 'fish'])
    expect(run(['authcli', '--config', ''])).toEqual(['<files>'])
    expect(run(['authcli', 'auth', 'token', '-'])).toContain('--profile')
  })
})

describe('zsh without zsh: the structure', () => {
  it('is a #compdef file with a function per table and the compdef fallback', () => {
    const script = completionScript(program, 'zsh')
    expect(script.startsWith('#compdef authcli\n')).toBe(true)
    for (const fn of ['_authcli_commands()', '_authcli_options()', '_authcli_args()', '_authcli_values()', '_authcli()']) expect(script).toContain(fn)
    expect(script).toContain("('store migrate|--to') REPLY='keychain file encrypted' ;;")
    expect(script).toMatch(/compdef _authcli authcli\nfi\n$/)
  })
})

describe.skipIf(!has('fish'))('fish', () => {
  it('is valid fish, and complete -C offers the commands, flags and values', async () => {
    const file = await scriptFile('fish')
    expect(spawnSync('fish', ['-n', file]).status).toBe(0)
    const run = (line: string) => {
      const result = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' })
      expect(result.stderr).toBe('')
      return result.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0])
        .sort()
    }
    expect(run('authcli ')).toEqual(subcommands('top-level').sort())
    expect(run('authcli auth ')).toEqual(subcommands('auth').sort())
    expect(run('authcli auth login --store ')).toEqual(['auto', 'encrypted', 'file', 'keychain', 'memory'])
    expect(run('authcli --profile x store ')).toEqual(subcommands('store').sort())
    expect(run('authcli store migrate --to ')).toEqual(['encrypted', 'file', 'keychain'])
    expect(run('authcli completion ')).toEqual(['bash', 'fish', 'zsh'])
    expect(run('authcli completion bash ')).toEqual([])
    expect(run('authcli store migrate --t')).toEqual(['--to'])
  })
})

describe('fish without fish: the structure', () => {
  it('declares each command under its parent and each flag with its values', () => {
    const script = completionScript(program, 'fish')
    expect(script).toContain(`complete -c authcli -n '__authcli_at "store"' -a 'migrate' -d`)
    expect(script).toContain(`complete -c authcli -n '__authcli_using "store migrate"' -l to -x -a 'keychain file encrypted' -d 'the store to move to'`)
    expect(script).toContain(`complete -c authcli -l config -r -F -d`)
    expect(script).toContain(`complete -c authcli -n '__authcli_at "completion"' -a 'bash zsh fish'`)
  })
})
