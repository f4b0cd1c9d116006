// oidc-provider is imported on first use, not at module load: its import prints the
// "unsupported runtime" notice on Node 20, and by then the notice collector is listening.
type OidcProviderModule = typeof import('oidc-provider')

let loading: Promise<OidcProviderModule> | undefined
const importNotices: string[] = []

/** The oidc-provider module; `warnings` gets the notices printed by its import. */
export async function loadOidcProvider(warnings: string[]): Promise<OidcProviderModule> {
  if (loading === undefined) {
    const before = warnings.length
    loading = import('oidc-provider')
    await loading
    importNotices.push(...warnings.slice(before))
    return loading
  }
  const module = await loading
  for (const notice of importNotices) if (!warnings.includes(notice)) warnings.push(notice)
  return module
}
