import * as Redacted from "effect/Redacted"
import { createHmac, createPrivateKey, createSecretKey, type KeyObject, sign } from "node:crypto"
import type { ApiKeyCredentials, ApplicationCredentials } from "../OpenTokConfig.ts"

// JWTs are signed here with node:crypto, not jose: jose signs through WebCrypto, asynchronously,
// and the benchmark (bench/README.md) measured it at about 11,000 HS256 tokens a second against
// about 170,000 for a plain HMAC on this machine. A token is minted for every participant who joins,
// so this is the SDK's hottest path. jose still verifies tokens (the emulator, the tests), and tests
// check that jose signs the same HS256 claims to the same bytes and verifies our RS256 tokens.

const encodedHeader = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: "JWT" })).toString("base64url")
const hs256Header = encodedHeader("HS256")
const rs256Header = encodedHeader("RS256")

const keys = new WeakMap<ApiKeyCredentials | ApplicationCredentials, KeyObject>()

// The key as a KeyObject, made once per credentials object rather than on every signature.
const keyOf = (credentials: ApiKeyCredentials | ApplicationCredentials): KeyObject => {
  let key = keys.get(credentials)
  if (key === undefined) {
    key = credentials._tag === "ApiKey"
      ? createSecretKey(Buffer.from(Redacted.value(credentials.apiSecret), "utf8"))
      : createPrivateKey(Redacted.value(credentials.privateKey))
    keys.set(credentials, key)
  }
  return key
}

const payloadOf = (claims: Record<string, unknown>) => Buffer.from(JSON.stringify(claims)).toString("base64url")

/** Signs claims as an HS256 JWT with the project's secret. The claims are written in the given order. */
export const signHs256 = (credentials: ApiKeyCredentials, claims: Record<string, unknown>): string => {
  const signingInput = `${hs256Header}.${payloadOf(claims)}`
  return `${signingInput}.${createHmac("sha256", keyOf(credentials)).update(signingInput).digest("base64url")}`
}

/** Signs claims as an RS256 JWT with the application's private key. */
export const signRs256 = (credentials: ApplicationCredentials, claims: Record<string, unknown>): string => {
  const signingInput = `${rs256Header}.${payloadOf(claims)}`
  return `${signingInput}.${sign("sha256", Buffer.from(signingInput), keyOf(credentials)).toString("base64url")}`
}
