/**
 * Client tokens: what a browser or mobile client presents to connect to a session. Minting one is
 * local work, a signature over the session id, role and expiry; no request is sent.
 *
 * A token's expiry only gates connecting: a client that connected with a token stays connected
 * after the token expires.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Random from "effect/Random"
import { signJwt, signT1, signVonageJwt, type TokenClaims } from "./internal/clientToken.ts"
import { show } from "./internal/validate.ts"
import { type Credentials, OpenTokConfig, projectId } from "./OpenTokConfig.ts"
import { InvalidOption, InvalidSessionId } from "./OpenTokError.ts"
import * as SessionId from "./SessionId.ts"

/**
 * What a client may do: `publisher` (default) publishes and subscribes, `subscriber` only
 * subscribes, `publisherOnly` only publishes, `moderator` may also force others out and mute them.
 *
 * @since 0.1.0
 * @category models
 */
export type Role = "publisher" | "subscriber" | "moderator" | "publisherOnly"

const wireRoles: Record<string, string> = {
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

const operation = "Tokens.generate"
const day = 24 * 60 * 60
const maxLifetimeSeconds = 30 * day
const maxDataLength = 1000

const invalid = (option: string, reason: string) => new InvalidOption({ operation, option, reason })

const expirySeconds = (expireTime: unknown, now: number): number | InvalidOption => {
  if (expireTime === undefined) return now + day
  const seconds = expireTime instanceof Date ? Math.floor(expireTime.getTime() / 1000) : expireTime
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
    return invalid("expireTime", `expected a Date or whole seconds since the epoch, got ${show(expireTime)}`)
  }
  if (!Number.isInteger(seconds)) return invalid("expireTime", `expected whole seconds, got ${seconds}`)
  if (seconds <= now) return invalid("expireTime", `must be in the future (now is ${now}, got ${seconds})`)
  if (seconds > now + maxLifetimeSeconds) return invalid("expireTime", "must be at most 30 days ahead")
  return seconds
}

// Sessions checked recently, by id: a burst of participants joining one session decodes its id
// once. Bounded, so a stream of distinct ids costs no more memory than this.
const checkedSessions = new Map<string, string>()

const sessionProblem = (sessionId: string, credentials: Credentials): InvalidSessionId | undefined => {
  let owner = checkedSessions.get(sessionId)
  if (owner === undefined) {
    const decoded = SessionId.decode(sessionId)
    if (Either.isLeft(decoded)) {
      return new InvalidSessionId({
        operation,
        sessionId: typeof sessionId === "string" ? sessionId : show(sessionId),
        reason: decoded.left
      })
    }
    owner = decoded.right.apiKey
    if (checkedSessions.size >= 1024) checkedSessions.clear()
    checkedSessions.set(sessionId, owner)
  }
  const configured = projectId(credentials)
  return owner === configured ? undefined : new InvalidSessionId({
    operation,
    sessionId,
    reason: `belongs to project ${owner}, not to the configured ${configured}`
  })
}

/** Every check of the options, without effects: this runs once per participant who joins. */
const claimsOf = (
  sessionId: string,
  options: GenerateOptions,
  credentials: Credentials,
  now: number
): TokenClaims | InvalidOption | InvalidSessionId => {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return invalid("options", `expected an object, got ${show(options)}`)
  }
  const session = sessionProblem(sessionId, credentials)
  if (session !== undefined) return session
  const role = options.role === undefined ? "publisher" : options.role
  const wireRole = typeof role === "string" && Object.hasOwn(wireRoles, role) ? wireRoles[role] : undefined
  if (wireRole === undefined) {
    return invalid("role", `expected one of ${Object.keys(wireRoles).join(", ")}, got ${show(role)}`)
  }
  if (options.format !== undefined && options.format !== "jwt" && options.format !== "t1") {
    return invalid("format", `expected jwt or t1, got ${show(options.format)}`)
  }
  if (options.format === "t1" && credentials._tag !== "ApiKey") {
    return invalid("format", "T1 tokens are signed with an OpenTok API secret; application credentials make JWTs only")
  }
  const data = options.data
  if (data !== undefined) {
    if (typeof data !== "string") return invalid("data", "expected a string")
    if (data.length > maxDataLength) {
      return invalid("data", `expected at most ${maxDataLength} characters, got ${data.length}`)
    }
  }
  const classList = options.initialLayoutClassList
  let classes: string | undefined
  if (classList !== undefined) {
    // Array.from turns a sparse array's holes into undefined, which the check refuses; `every` alone skips them.
    if (!Array.isArray(classList) || !Array.from(classList).every((c) => typeof c === "string" && /^\S+$/.test(c))) {
      return invalid("initialLayoutClassList", "expected an array of class names without spaces")
    }
    classes = classList.length === 0 ? undefined : classList.join(" ")
    if (classes !== undefined && classes.length > maxDataLength) {
      return invalid("initialLayoutClassList", `expected at most ${maxDataLength} characters when joined`)
    }
  }
  const expiresAt = expirySeconds(options.expireTime, now)
  if (typeof expiresAt !== "number") return expiresAt
  return {
    sessionId,
    role: wireRole,
    issuedAt: now,
    expiresAt,
    connectionData: data,
    initialLayoutClassList: classes
  }
}

/**
 * Mints a client token for a session of the configured project.
 *
 * Runs without a span of its own: it is local work with no I/O, and a span per participant cost
 * a third of its speed in the benchmark. Failures still carry the operation's name.
 *
 * @see https://developer.vonage.com/en/video/guides/create-token
 * @since 0.1.0
 * @category operations
 */
export const generate = (
  sessionId: string,
  options: GenerateOptions = {}
): Effect.Effect<string, InvalidOption | InvalidSessionId, OpenTokConfig> =>
  Effect.flatMap(OpenTokConfig, ({ credentials }) =>
    Effect.clockWith((clock) => {
      const claims = claimsOf(sessionId, options, credentials, Math.floor(clock.unsafeCurrentTimeMillis() / 1000))
      if (claims instanceof InvalidOption || claims instanceof InvalidSessionId) return Effect.fail(claims)
      // The nonce comes from Effect's Random so tests can fix it (the T1 vector needs 424242).
      return Effect.map(Random.nextIntBetween(0, 1_000_000), (nonce) =>
        credentials._tag === "Application"
          ? signVonageJwt(credentials, claims)
          : options.format === "t1"
          ? signT1(credentials.apiKey, credentials.apiSecret, claims, nonce)
          : signJwt(credentials, claims, nonce))
    }))
