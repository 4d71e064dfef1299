import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { Credentials } from "../OpenTokConfig.ts"
import { signProjectJwt } from "./jwt.ts"

/** Seconds a project JWT stays valid; the platform's SDKs use 180 to 300. */
export const projectJwtLifetimeSeconds = 180

/**
 * A minted JWT is reused for this long, far inside its lifetime, so a slow request or a skewed
 * clock never presents an expired one.
 */
const reuseSeconds = 60

interface Minted {
  readonly token: string
  readonly issuedAt: number
}

// Keyed by the credentials object itself: a new config gets a new cache, and a dropped one frees it.
const cache = new WeakMap<Credentials, Minted>()

export const mintProjectJwt = (credentials: Credentials, nowSeconds: number): string =>
  signProjectJwt(credentials, { ist: "project" }, nowSeconds, nowSeconds + projectJwtLifetimeSeconds)

/** The header that authenticates a REST call, as a name and value. */
export const authorizationHeader = (
  credentials: Credentials
): Effect.Effect<readonly [name: string, value: string]> =>
  Effect.map(Clock.currentTimeMillis, (millis) => {
    const now = Math.floor(millis / 1000)
    const cached = cache.get(credentials)
    if (cached !== undefined && now - cached.issuedAt < reuseSeconds && now >= cached.issuedAt) {
      return ["x-opentok-auth", cached.token] as const
    }
    const token = mintProjectJwt(credentials, now)
    cache.set(credentials, { token, issuedAt: now })
    return ["x-opentok-auth", token] as const
  })

/** Header names whose values must never reach a span or a log. */
export const secretHeaderNames = ["x-opentok-auth", "authorization"] as const
