import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { randomUUID } from "node:crypto"
import type { Credentials } from "../OpenTokConfig.ts"
import { signHs256, signRs256 } from "./jwt.ts"

/** Seconds a project JWT stays valid; the platform's SDKs use 180 to 300. */
const projectJwtLifetimeSeconds = 180

/**
 * A minted JWT is reused for this long, far inside its lifetime, so a slow request or a skewed
 * clock never presents an expired one.
 */
const reuseSeconds = 60

interface Minted {
  readonly header: readonly [name: string, value: string]
  readonly issuedAt: number
}

// Keyed by the credentials object itself: a new config gets a new cache, and a dropped one frees it.
const cache = new WeakMap<Credentials, Minted>()

/**
 * A fresh REST auth header: `X-OPENTOK-AUTH` with an HS256 project JWT for OpenTok credentials,
 * `Authorization: Bearer` with an RS256 application JWT for Vonage ones.
 */
const mintAuthHeader = (credentials: Credentials, now: number): readonly [name: string, value: string] => {
  const exp = now + projectJwtLifetimeSeconds
  if (credentials._tag === "ApiKey") {
    const claims = { iss: credentials.apiKey, ist: "project", iat: now, exp, jti: randomUUID() }
    return ["x-opentok-auth", signHs256(credentials, claims)]
  }
  const claims = { application_id: credentials.applicationId, iat: now, exp, jti: randomUUID() }
  return ["authorization", `Bearer ${signRs256(credentials, claims)}`]
}

/** The header that authenticates a REST call, as a name and value. */
export const authorizationHeader = (
  credentials: Credentials
): Effect.Effect<readonly [name: string, value: string]> =>
  Effect.map(Clock.currentTimeMillis, (millis) => {
    const now = Math.floor(millis / 1000)
    const cached = cache.get(credentials)
    if (cached !== undefined && now - cached.issuedAt < reuseSeconds && now >= cached.issuedAt) return cached.header
    const header = mintAuthHeader(credentials, now)
    cache.set(credentials, { header, issuedAt: now })
    return header
  })

/** Header names whose values must never reach a span or a log. */
export const secretHeaderNames = ["x-opentok-auth", "authorization"] as const
