/**
 * Client tokens: what a browser or mobile client presents to connect to a session. Minting one is
 * local work, a signature over the session id, role and expiry; no request is sent.
 *
 * A token's expiry only gates connecting: a client that connected with a token stays connected
 * after the token expires.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Random from "effect/Random"
import { signJwt, signT1 } from "./internal/clientToken.ts"
import * as Validate from "./internal/validate.ts"
import { OpenTokConfig } from "./OpenTokConfig.ts"
import { type InvalidOption, InvalidSessionId } from "./OpenTokError.ts"
import * as SessionId from "./SessionId.ts"

/**
 * What a client may do: `publisher` (default) publishes and subscribes, `subscriber` only
 * subscribes, `publisherOnly` only publishes, `moderator` may also force others out and mute them.
 *
 * @since 0.1.0
 * @category models
 */
export type Role = "publisher" | "subscriber" | "moderator" | "publisherOnly"

const wireRoles: Record<Role, string> = {
  publisher: "publisher",
  subscriber: "subscriber",
  moderator: "moderator",
  publisherOnly: "publisheronly"
}

/**
 * @since 0.1.0
 * @category models
 */
export interface GenerateOptions {
  /** Default `publisher`. */
  readonly role?: Role | undefined
  /**
   * When the token stops admitting new connections: a `Date`, or whole seconds since the epoch.
   * Must be in the future and at most 30 days ahead. Default 24 hours from now.
   */
  readonly expireTime?: Date | number | undefined
  /** Passed to the other clients with the connection (at most 1000 characters). Default none. */
  readonly data?: string | undefined
  /** Layout classes given to the streams this client publishes. Default none. */
  readonly initialLayoutClassList?: ReadonlyArray<string> | undefined
  /** `jwt` (default) or the legacy `t1` format, for old client SDKs. */
  readonly format?: "jwt" | "t1" | undefined
}

const day = 24 * 60 * 60
const maxLifetimeSeconds = 30 * day
const maxDataLength = 1000

const expirySeconds = (expireTime: Date | number | undefined, now: number): Either.Either<number, string> => {
  if (expireTime === undefined) return Either.right(now + day)
  const seconds = expireTime instanceof Date ? Math.floor(expireTime.getTime() / 1000) : expireTime
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
    return Either.left(`expected a Date or whole seconds since the epoch, got ${Validate.show(expireTime)}`)
  }
  if (!Number.isInteger(seconds)) return Either.left(`expected whole seconds, got ${seconds}`)
  if (seconds <= now) return Either.left(`must be in the future (now is ${now}, got ${seconds})`)
  if (seconds > now + maxLifetimeSeconds) return Either.left("must be at most 30 days ahead")
  return Either.right(seconds)
}

/**
 * Mints a client token for a session of the configured project.
 *
 * @see https://developer.vonage.com/en/video/guides/create-token
 * @since 0.1.0
 * @category operations
 */
export const generate = (
  sessionId: string,
  options: GenerateOptions = {}
): Effect.Effect<string, InvalidOption | InvalidSessionId, OpenTokConfig> => {
  const operation = "Tokens.generate"
  return Effect.gen(function*() {
    const { credentials } = yield* OpenTokConfig
    yield* Validate.optionsObject(operation, options)
    const session = SessionId.decode(sessionId)
    if (Either.isLeft(session)) {
      return yield* new InvalidSessionId({
        operation,
        sessionId: typeof sessionId === "string" ? sessionId : Validate.show(sessionId),
        reason: session.left
      })
    }
    if (session.right.apiKey !== credentials.apiKey) {
      return yield* new InvalidSessionId({
        operation,
        sessionId,
        reason: `belongs to project ${session.right.apiKey}, not to the configured ${credentials.apiKey}`
      })
    }

    const role = options.role === undefined ? "publisher" : options.role
    yield* Validate.oneOf(operation, "role", role, Object.keys(wireRoles) as Array<Role>)
    yield* Validate.oneOf(operation, "format", options.format, ["jwt", "t1"])
    if (options.data !== undefined) {
      yield* Validate.ensure(operation, "data", typeof options.data === "string", "expected a string")
      yield* Validate.ensure(
        operation,
        "data",
        options.data.length <= maxDataLength,
        `expected at most ${maxDataLength} characters, got ${options.data.length}`
      )
    }
    const classList = options.initialLayoutClassList
    if (classList !== undefined) {
      yield* Validate.ensure(
        operation,
        "initialLayoutClassList",
        // Array.from turns a sparse array's holes into undefined, which the check refuses; `every` alone skips them.
        Array.isArray(classList) && Array.from(classList).every((c) => typeof c === "string" && /^\S+$/.test(c)),
        "expected an array of class names without spaces"
      )
      yield* Validate.ensure(
        operation,
        "initialLayoutClassList",
        classList.join(" ").length <= maxDataLength,
        `expected at most ${maxDataLength} characters when joined`
      )
    }

    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const expiresAt = expirySeconds(options.expireTime, now)
    if (Either.isLeft(expiresAt)) return yield* Validate.invalid(operation, "expireTime", expiresAt.left)

    const claims = {
      sessionId,
      role: wireRoles[role],
      issuedAt: now,
      expiresAt: expiresAt.right,
      nonce: yield* Random.nextIntBetween(0, 1_000_000),
      connectionData: options.data,
      initialLayoutClassList: classList === undefined || classList.length === 0 ? undefined : classList.join(" ")
    }
    return options.format === "t1"
      ? signT1(credentials.apiKey, credentials.apiSecret, claims)
      : yield* Effect.promise(() => signJwt(credentials, claims))
  }).pipe(
    Effect.withSpan(operation, { attributes: { sessionId: typeof sessionId === "string" ? sessionId : "" } })
  )
}
