import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { globalsOf, testContext, testRuntime, type TestRuntime } from '../_testing.js'
import type { GlobalOptions } from '../global-options.js'
import { runConfigSet } from './config.js'
import { listProfiles, parseProfilesUseOptions, renderProfilesList, renderProfilesUse, runProfilesList, runProfilesUse } from './profiles.js'

let runtime: TestRuntime
beforeEach(async () => void (runtime = await testRuntime()))
afterEach(() => runtime.cleanup())

const ctx = (globals: Partial<GlobalOptions> = {}) => testContext(runtime, globals)
const set = async (key: string, value: string) => runConfigSet({ key, value }, await ctx())

describe('listProfiles', () => {
  it('keeps file order and marks active_profile', () => {
    expect(listProfiles({ activeProfile: 'b', profiles: { b: { host: 'https://b' }, a: { flow: 'pat' } } })).toEqual({
      active: 'b',
      profiles: [
        { name: 'b', host: 'https://b', flow: null, active: true },
        { name: 'a', host: null, flow: 'pat', active: false },
      ],
    })
  })

  it('takes default as active when active_profile is not set', () => {
    expect(listProfiles({ profiles: { default: {}, x: {} } }).active).toBe('default')
    expect(listProfiles({ profiles: { x: {} } })).toEqual({ active: null, profiles: [{ name: 'x', host: null, flow: null, active: false }] })
  })
})

describe('parseProfilesUseOptions', () => {
  it('takes the name', () => {
    expect(parseProfilesUseOptions({ args: ['work'], opts: {}, globals: globalsOf() })).toEqual({ name: 'work' })
  })

  it('rejects an empty name', () => {
    expect(() => parseProfilesUseOptions({ args: [' '], opts: {}, globals: globalsOf() })).toThrowError(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2 }))
  })
})

describe('profiles list', () => {
  beforeEach(async () => {
    await set('profiles.default.host', 'https://one.example.com')
    await set('profiles.default.flow', 'device')
    await set('profiles.work.host', 'https://work.example.com')
  })

  it('renders a table with * on the active profile', async () => {
    const c = await ctx()
    renderProfilesList(await runProfilesList({}, c), c)
    expect(runtime.stdout.text).toBe(['   NAME     HOST                      FLOW', '*  default  https://one.example.com   device', '   work     https://work.example.com  -', ''].join('\n'))
  })

  it('renders JSON with --json', async () => {
    const c = await ctx({ json: true })
    renderProfilesList(await runProfilesList({}, c), c)
    expect(JSON.parse(runtime.stdout.text)).toEqual({
      active: 'default',
      profiles: [
        { name: 'default', host: 'https://one.example.com', flow: 'device', active: true },
        { name: 'work', host: 'https://work.example.com', flow: null, active: false },
      ],
    })
  })
})

describe('profiles list with no profiles', () => {
  it('prints nothing on stdout and a note on stderr', async () => {
    const c = await ctx()
    renderProfilesList(await runProfilesList({}, c), c)
    expect(runtime.stdout.text).toBe('')
    expect(runtime.stderr.text).toMatch(/^no profiles in .*config\.toml; add one with 'authcli config set profiles\.NAME\.host URL'\n$/)
  })

  it('--json gives an empty list', async () => {
    const c = await ctx({ json: true })
    renderProfilesList(await runProfilesList({}, c), c)
    expect(JSON.parse(runtime.stdout.text)).toEqual({ active: null, profiles: [] })
  })
})

describe('profiles use', () => {
  it('sets active_profile', async () => {
    await set('profiles.work.host', 'https://w')
    await set('profiles.home.host', 'https://h')
    const c = await ctx()
    const result = await runProfilesUse({ name: 'home' }, c)
    renderProfilesUse(result, c)
    expect((await ctx()).config.activeProfile).toBe('home')
    expect(runtime.stderr.text).toBe('✓ active profile: home\n')
    expect(runtime.stdout.text).toBe('')

    renderProfilesUse(result, await ctx({ json: true }))
    expect(runtime.stdout.text).toBe('{"active":"home"}\n')
  })

  it('rejects an unknown profile with CONFIG_ERROR and lists the known ones', async () => {
    await set('profiles.work.host', 'https://w')
    await set('profiles.home.host', 'https://h')
    await expect(runProfilesUse({ name: 'nope' }, await ctx())).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      exitCode: 2,
      message: expect.stringMatching(/^no profile 'nope' in .*config\.toml$/),
      hint: 'known profiles: work, home',
    })
  })

  it('says how to add a profile when there are none', async () => {
    await expect(runProfilesUse({ name: 'work' }, await ctx())).rejects.toMatchObject({
      hint: "there are no profiles yet; add one with 'authcli config set profiles.work.host URL'",
    })
  })
})
