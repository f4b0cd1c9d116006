// Minimal typings for the parts of oidc-provider 9 that the dev server uses.
// oidc-provider ships no types, and @types/oidc-provider lags behind the major.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  /** A registered client as oidc-provider sees it. */
  export interface OidcClient {
    readonly clientId: string
    readonly applicationType: string
    readonly clientAuthMethod: string
    grantTypeAllowed(grantType: string): boolean
  }

  /** `ctx.oidc`: the per-request OpenID context. */
  export interface OidcRequestContext {
    readonly route: string
    readonly provider: Provider
    readonly params?: Readonly<Record<string, unknown>>
    readonly body?: Readonly<Record<string, unknown>>
    readonly client?: OidcClient
    readonly session?: {
      readonly accountId?: string
      grantIdFor(clientId: string): string | undefined
    }
    readonly result?: { readonly consent?: { readonly grantId?: string } }
    readonly requestParamOIDCScopes: Set<string>
    readonly requestParamScopes: Set<string>
    readonly resourceServers: Readonly<Record<string, { readonly scopes: Set<string> }>>
    readonly requestParamClaims: Set<string>
  }

  /** The slice of the Koa context the dev server touches. */
  export interface ProviderContext {
    readonly oidc?: OidcRequestContext
    readonly method: string
    readonly path: string
    status: number
    body: unknown
    type: string
    readonly response: { get(name: string): string; set(name: string, value: string): void }
  }

  export type ProviderMiddleware = (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>

  /** Any stored artefact: tokens, codes, grants. */
  export interface TokenModel {
    readonly jti: string
    readonly kind: string
    readonly isExpired: boolean
    readonly scopes: Set<string>
    accountId?: string
    clientId?: string
    grantId?: string
    scope?: string
    gty?: string
    exp?: number
    expiresWithSession?: boolean
    save(): Promise<string>
    destroy(): Promise<void>
  }

  export interface DeviceCodeModel extends TokenModel {
    readonly clientId: string
    params?: Readonly<Record<string, unknown>>
    error?: string
    errorDescription?: string
    authTime?: number
  }

  export interface GrantModel {
    readonly jti: string
    readonly accountId: string
    readonly clientId: string
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
    destroy(): Promise<void>
  }

  export interface FindOptions {
    ignoreExpiration?: boolean
  }

  export interface TokenModelClass<T extends TokenModel> {
    find(value: string, options?: FindOptions): Promise<T | undefined>
  }

  export interface DeviceCodeClass extends TokenModelClass<DeviceCodeModel> {
    findByUserCode(userCode: string, options?: FindOptions): Promise<DeviceCodeModel | undefined>
  }

  export interface GrantClass {
    new (properties: { accountId: string; clientId: string }): GrantModel
    find(id: string): Promise<GrantModel | undefined>
  }

  /** An interaction policy check list (`policy.get('consent').checks`). */
  export interface InteractionPolicy {
    get(name: string): { checks: { remove(reason: string): void } } | undefined
  }

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>)
    readonly issuer: string
    readonly AccessToken: TokenModelClass<TokenModel> & (new (properties: Record<string, unknown>) => AccessTokenModel)
    readonly ResourceServer: new (
      identifier: string,
      data: Record<string, unknown>,
    ) => unknown
    registerGrantType(name: string, handler: (ctx: ProviderContext) => Promise<void>, params?: readonly string[]): void
    readonly ClientCredentials: TokenModelClass<TokenModel>
    readonly RefreshToken: TokenModelClass<TokenModel>
    readonly DeviceCode: DeviceCodeClass
    readonly Grant: GrantClass
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    use(middleware: ProviderMiddleware): this
    on(event: string, listener: (...args: never[]) => void): this
  }

  export const interactionPolicy: { base(): InteractionPolicy }

  export const errors: {
    InvalidTarget: new (description?: string) => Error
    InvalidGrant: new (description?: string) => Error
    InvalidRequest: new (description?: string) => Error
  }

  export interface AccessTokenModel extends TokenModel {
    resourceServer?: unknown
    readonly expiration: number
  }

  export default Provider
}
