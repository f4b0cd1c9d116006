/**
 * The keychain part of authcli, loaded lazily (a chunk of its own in the bundle): the store and
 * the data-key provider of `@auth/store-keychain`, which loads `@napi-rs/keyring` on first use.
 */
export { createKeychainStore, keychainDataKey } from '@auth/store-keychain'
