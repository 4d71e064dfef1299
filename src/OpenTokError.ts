/**
 * The typed failures of every operation. Each class is named for the condition a caller may want to
 * handle, so `Effect.catchTag("AuthenticationFailed", ...)` reads as the intent.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("effect-opentok/OpenTokError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * True for every error this library raises.
 *
 * @since 0.1.0
 * @category guards
 */
export const isOpenTokError = (u: unknown): u is OpenTokError => Predicate.hasProperty(u, TypeId)

/**
 * What the platform said about a failed request: the fields every HTTP-derived error carries.
 *
 * @since 0.1.0
 * @category models
 */
export const ResponseFields = {
  /** The operation that failed, e.g. `Sessions.create`. */
  operation: Schema.String,
  /** The HTTP status of the answer. */
  status: Schema.Number,
  /** The platform's numeric error code, when the body carried one (e.g. 15008). */
  code: Schema.optional(Schema.Number),
  /** The platform's own explanation, when the body carried one. */
  platformMessage: Schema.optional(Schema.String),
  /** The request id the platform answered with, for support tickets. */
  requestId: Schema.optional(Schema.String)
}

const describeResponse = (error: {
  readonly operation: string
  readonly status: number
  readonly code?: number | undefined
  readonly platformMessage?: string | undefined
}, summary: string) => {
  const code = error.code === undefined ? "" : `, code ${error.code}`
  const said = error.platformMessage === undefined ? "" : `: ${error.platformMessage}`
  return `${error.operation}: ${summary} (HTTP ${error.status}${code})${said}`
}

/**
 * An option was rejected before any request was sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidOption extends Schema.TaggedError<InvalidOption>("effect-opentok/InvalidOption")("InvalidOption", {
  operation: Schema.String,
  /** The option's name as the caller wrote it, e.g. `archiveResolution`. */
  option: Schema.String,
  reason: Schema.String
}) {
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return `${this.operation}: invalid ${this.option}: ${this.reason}`
  }
}

/**
 * A session id that is malformed, or that belongs to another project.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidSessionId
  extends Schema.TaggedError<InvalidSessionId>("effect-opentok/InvalidSessionId")("InvalidSessionId", {
    operation: Schema.String,
    sessionId: Schema.String,
    reason: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return `${this.operation}: session id ${JSON.stringify(this.sessionId)} ${this.reason}`
  }
}

/**
 * The platform refused the credentials (HTTP 401 or 403): a wrong secret, a wrong key, a clock
 * that is far off.
 *
 * @since 0.1.0
 * @category errors
 */
export class AuthenticationFailed
  extends Schema.TaggedError<AuthenticationFailed>("effect-opentok/AuthenticationFailed")(
    "AuthenticationFailed",
    ResponseFields
  )
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, "authentication failed")
  }
}

/**
 * The platform rejected the request as malformed (HTTP 400 or 413).
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest
  extends Schema.TaggedError<BadRequest>("effect-opentok/BadRequest")("BadRequest", ResponseFields)
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, "the platform rejected the request")
  }
}

const RetryAfterFields = {
  ...ResponseFields,
  /** How long the platform asked the caller to wait, in milliseconds, from `Retry-After`. */
  retryAfterMillis: Schema.optional(Schema.Number)
}

const retryAfterOf = (millis: number | undefined): Option.Option<Duration.Duration> =>
  Option.map(Option.fromNullable(millis), Duration.millis)

/**
 * Too many requests (HTTP 429). `retryAfter` holds the wait the platform asked for, if any.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited
  extends Schema.TaggedError<RateLimited>("effect-opentok/RateLimited")("RateLimited", RetryAfterFields)
{
  readonly [TypeId]: TypeId = TypeId
  get retryAfter(): Option.Option<Duration.Duration> {
    return retryAfterOf(this.retryAfterMillis)
  }
  override get message() {
    return describeResponse(this, "rate limited")
  }
}

/**
 * The platform failed (HTTP 5xx). A 503 may carry a `Retry-After`.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError
  extends Schema.TaggedError<ServerError>("effect-opentok/ServerError")("ServerError", RetryAfterFields)
{
  readonly [TypeId]: TypeId = TypeId
  get retryAfter(): Option.Option<Duration.Duration> {
    return retryAfterOf(this.retryAfterMillis)
  }
  override get message() {
    return describeResponse(this, "the platform failed")
  }
}

/**
 * No complete answer arrived within the configured timeout. The request may or may not have taken
 * effect on the platform.
 *
 * @since 0.1.0
 * @category errors
 */
export class RequestTimeout
  extends Schema.TaggedError<RequestTimeout>("effect-opentok/RequestTimeout")("RequestTimeout", {
    operation: Schema.String,
    timeoutMillis: Schema.Number
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return `${this.operation}: no answer within ${this.timeoutMillis} ms`
  }
}

/**
 * The request could not be carried: a refused connection, a failed DNS look-up, a reset socket.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError
  extends Schema.TaggedError<TransportError>("effect-opentok/TransportError")("TransportError", {
    operation: Schema.String,
    /** The URL the request was sent to (no credentials are ever part of it). */
    url: Schema.String,
    /**
     * `request`: no answer began (a refused connection, a reset before the status line); the
     * platform may not have seen the request. `response`: the answer broke off while it was read;
     * the request took effect.
     */
    phase: Schema.Literal("request", "response"),
    detail: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return `${this.operation}: could not reach ${this.url}: ${this.detail}`
  }
}

/**
 * The platform answered with a status this operation does not expect, or with a body that does not
 * decode. `expected` says what the SDK was looking for.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedResponse
  extends Schema.TaggedError<UnexpectedResponse>("effect-opentok/UnexpectedResponse")("UnexpectedResponse", {
    operation: Schema.String,
    status: Schema.Number,
    expected: Schema.String,
    detail: Schema.String,
    requestId: Schema.optional(Schema.String)
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return `${this.operation}: expected ${this.expected}, got HTTP ${this.status}: ${this.detail}`
  }
}

/**
 * The failures any REST operation can meet, whatever the endpoint.
 *
 * @since 0.1.0
 * @category models
 */
export type RequestError =
  | AuthenticationFailed
  | RateLimited
  | ServerError
  | RequestTimeout
  | TransportError
  | UnexpectedResponse

/**
 * @since 0.1.0
 * @category models
 */
export type OpenTokError =
  | RequestError
  | InvalidOption
  | InvalidSessionId
  | InvalidResolution
  | BadRequest
  | ArchiveNotFound
  | SessionNotFound
  | StreamNotFound
  | NoClientsConnected
  | SessionNotRouted
  | AlreadyRecording
  | ArchiveNotRecording
  | ArchiveNotDeletable
  | ManualStreamModeRequired
  | ConnectionNotFound

/**
 * A resolution the output cannot have: any resolution with individual output (each stream is
 * recorded at its own size), or a value outside the six the platform supports.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidResolution
  extends Schema.TaggedError<InvalidResolution>("effect-opentok/InvalidResolution")("InvalidResolution", {
    operation: Schema.String,
    resolution: Schema.String,
    reason: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return `${this.operation}: resolution ${JSON.stringify(this.resolution)} ${this.reason}`
  }
}

/**
 * No archive has this id in the project (HTTP 404).
 *
 * @since 0.1.0
 * @category errors
 */
export class ArchiveNotFound extends Schema.TaggedError<ArchiveNotFound>("effect-opentok/ArchiveNotFound")(
  "ArchiveNotFound",
  { ...ResponseFields, archiveId: Schema.String }
) {
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `archive ${this.archiveId} not found`)
  }
}

/**
 * No session has this id in the project (HTTP 404).
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionNotFound extends Schema.TaggedError<SessionNotFound>("effect-opentok/SessionNotFound")(
  "SessionNotFound",
  { ...ResponseFields, sessionId: Schema.String }
) {
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `session ${this.sessionId} not found`)
  }
}

/**
 * No stream has this id in the session (HTTP 404).
 *
 * @since 0.1.0
 * @category errors
 */
export class StreamNotFound extends Schema.TaggedError<StreamNotFound>("effect-opentok/StreamNotFound")(
  "StreamNotFound",
  { ...ResponseFields, streamId: Schema.String }
) {
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `stream ${this.streamId} not found`)
  }
}

/**
 * The session has no connected client, so there is nothing to record or send to.
 *
 * @since 0.1.0
 * @category errors
 */
export class NoClientsConnected
  extends Schema.TaggedError<NoClientsConnected>("effect-opentok/NoClientsConnected")("NoClientsConnected", {
    ...ResponseFields,
    sessionId: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `no clients are connected to session ${this.sessionId}`)
  }
}

/**
 * The operation needs a routed session and this one is relayed (HTTP 409, code 15008 for archives).
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionNotRouted
  extends Schema.TaggedError<SessionNotRouted>("effect-opentok/SessionNotRouted")("SessionNotRouted", {
    ...ResponseFields,
    sessionId: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `session ${this.sessionId} is relayed; this needs a routed session`)
  }
}

/**
 * The session is already being recorded under the same tag (HTTP 409). Give each concurrent archive
 * its own `multiArchiveTag`.
 *
 * @since 0.1.0
 * @category errors
 */
export class AlreadyRecording
  extends Schema.TaggedError<AlreadyRecording>("effect-opentok/AlreadyRecording")("AlreadyRecording", {
    ...ResponseFields,
    sessionId: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `session ${this.sessionId} is already being recorded with this tag`)
  }
}

/**
 * The archive is not recording, so it cannot be stopped or changed (HTTP 409, code 15002).
 *
 * @since 0.1.0
 * @category errors
 */
export class ArchiveNotRecording
  extends Schema.TaggedError<ArchiveNotRecording>("effect-opentok/ArchiveNotRecording")("ArchiveNotRecording", {
    ...ResponseFields,
    archiveId: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `archive ${this.archiveId} is not recording`)
  }
}

/**
 * The archive cannot be deleted in its present state: only available, uploaded or deleted
 * archives can (HTTP 409, code 15004).
 *
 * @since 0.1.0
 * @category errors
 */
export class ArchiveNotDeletable
  extends Schema.TaggedError<ArchiveNotDeletable>("effect-opentok/ArchiveNotDeletable")("ArchiveNotDeletable", {
    ...ResponseFields,
    archiveId: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `archive ${this.archiveId} cannot be deleted in its present state`)
  }
}

/**
 * Streams can only be added or removed when the archive or broadcast was started with
 * `streamMode: "manual"` (HTTP 405).
 *
 * @since 0.1.0
 * @category errors
 */
export class ManualStreamModeRequired
  extends Schema.TaggedError<ManualStreamModeRequired>("effect-opentok/ManualStreamModeRequired")(
    "ManualStreamModeRequired",
    { ...ResponseFields, resourceId: Schema.String }
  )
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `${this.resourceId} uses stream mode auto; streams are chosen automatically`)
  }
}

/**
 * No client has this connection id in the session (HTTP 404).
 *
 * @since 0.1.0
 * @category errors
 */
export class ConnectionNotFound
  extends Schema.TaggedError<ConnectionNotFound>("effect-opentok/ConnectionNotFound")("ConnectionNotFound", {
    ...ResponseFields,
    sessionId: Schema.String,
    connectionId: Schema.String
  })
{
  readonly [TypeId]: TypeId = TypeId
  override get message() {
    return describeResponse(this, `connection ${this.connectionId} is not in session ${this.sessionId}`)
  }
}
