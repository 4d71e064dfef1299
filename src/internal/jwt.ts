import * as Redacted from "effect/Redacted"
import { SignJWT } from "jose"
import { randomUUID } from "node:crypto"
import type { Credentials } from "../OpenTokConfig.ts"

const keys = new WeakMap<Credentials, Uint8Array>()

// The secret's bytes, encoded once per credentials object rather than on every signature.
const keyOf = (credentials: Credentials): Uint8Array => {
  let key = keys.get(credentials)
  if (key === undefined) {
    key = new TextEncoder().encode(Redacted.value(credentials.apiSecret))
    keys.set(credentials, key)
  }
  return key
}

/**
 * An HS256 JWT issued by the project (`iss` = API key), with a fresh `jti`. Both the REST auth
 * token and the client token are made here; they differ only in their claims and lifetime.
 */
export const signProjectJwt = (
  credentials: Credentials,
  claims: Record<string, unknown>,
  issuedAt: number,
  expiresAt: number
): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(credentials.apiKey)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(keyOf(credentials))
