/**
 * Creating sessions. A session is the room clients connect to; its media mode decides whether
 * streams go peer to peer (relayed) or through the platform's media router (routed), which
 * archiving, broadcasting and most moderation need.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { isIPv4 } from "node:net"
import * as Request from "./internal/request.ts"
import * as Validate from "./internal/validate.ts"
import type { OpenTokConfig } from "./OpenTokConfig.ts"
import type { BadRequest, InvalidOption, RequestError } from "./OpenTokError.ts"

/**
 * The output sizes the platform records and composes at.
 *
 * @since 0.1.0
 * @category models
 */
export const Resolution = Schema.Literal("640x480", "480x640", "1280x720", "720x1280", "1920x1080", "1080x1920")

/**
 * @since 0.1.0
 * @category models
 */
export type Resolution = typeof Resolution.Type

/**
 * `relayed` (the platform's default): clients exchange media directly where they can.
 * `routed`: media goes through the platform's router; needed for archives, broadcasts and more.
 *
 * @since 0.1.0
 * @category models
 */
export type MediaMode = "relayed" | "routed"

/**
 * `manual` (default): archives start when asked. `always`: an archive starts when the first client
 * connects (needs a routed session).
 *
 * @since 0.1.0
 * @category models
 */
export type ArchiveMode = "manual" | "always"

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateOptions {
  /** Default `relayed`. */
  readonly mediaMode?: MediaMode | undefined
  /** Default `manual`. `always` needs `mediaMode: "routed"`. */
  readonly archiveMode?: ArchiveMode | undefined
  /** An IPv4 address near the expected clients, as a location hint. Default none. */
  readonly location?: string | undefined
  /** End-to-end encryption of media. Needs a routed session and manual archiving. Default false. */
  readonly e2ee?: boolean | undefined
  /** Name of the archives started automatically (1 to 80 characters). Only with `archiveMode: "always"`. */
  readonly archiveName?: string | undefined
  /** Resolution of the archives started automatically. Only with `archiveMode: "always"`. */
  readonly archiveResolution?: Resolution | undefined
}

/**
 * A created session.
 *
 * @since 0.1.0
 * @category models
 */
export class Session extends Schema.Class<Session>("effect-opentok/Session")({
  sessionId: Schema.String,
  /** The project (API key or application id) that owns the session, as the platform reported it. */
  projectId: Schema.OptionFromSelf(Schema.String),
  /** The creation time as the platform wrote it (a Java-style date text). */
  createDt: Schema.OptionFromSelf(Schema.String),
  mediaMode: Schema.Literal("relayed", "routed"),
  archiveMode: Schema.Literal("manual", "always"),
  location: Schema.OptionFromSelf(Schema.String),
  e2ee: Schema.Boolean
}) {}

const IdText = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, {
    strict: true,
    decode: String,
    encode: Number
  })
)

// The answer's shape, in JSON (an array of one record) or legacy XML (read into the same record).
const CreatedRecord = Schema.Struct({
  session_id: Schema.NonEmptyString,
  project_id: Schema.optional(Schema.NullOr(IdText)),
  partner_id: Schema.optional(Schema.NullOr(IdText)),
  create_dt: Schema.optional(Schema.NullOr(Schema.String))
})

const CreatedAnswer = Schema.NonEmptyArray(CreatedRecord)

const decodeJsonAnswer = Request.json(CreatedAnswer, "a JSON array holding the created session")

const decodeRecord = Schema.decodeUnknown(CreatedRecord)

const decodeAnswer = (response: Request.RawResponse, operation: string) => {
  if (!response.body.trimStart().startsWith("<")) {
    return Effect.map(decodeJsonAnswer(response, operation), (records) => records[0])
  }
  const expected = "the legacy XML answer holding the created session"
  return decodeRecord({
    session_id: Request.xmlField(response.body, "session_id"),
    partner_id: Request.xmlField(response.body, "partner_id"),
    create_dt: Request.xmlField(response.body, "create_dt")
  }).pipe(Effect.mapError(() => Request.unexpected(response, operation, expected, Request.excerpt(response.body))))
}

const validate = (options: CreateOptions, operation: string) =>
  Effect.gen(function*() {
    yield* Validate.optionsObject(operation, options)
    yield* Validate.oneOf(operation, "mediaMode", options.mediaMode, ["relayed", "routed"])
    yield* Validate.oneOf(operation, "archiveMode", options.archiveMode, ["manual", "always"])
    yield* Validate.oneOf(operation, "archiveResolution", options.archiveResolution, Resolution.literals)
    yield* Validate.booleanOrUndefined(operation, "e2ee", options.e2ee)
    const routed = options.mediaMode === "routed"
    const always = options.archiveMode === "always"
    yield* Validate.ensure(operation, "archiveMode", !always || routed, "always needs mediaMode routed")
    if (options.location !== undefined) {
      yield* Validate.ensure(
        operation,
        "location",
        typeof options.location === "string" && isIPv4(options.location),
        `expected an IPv4 address, got ${Validate.show(options.location)}`
      )
    }
    if (options.archiveName !== undefined) {
      yield* Validate.ensure(operation, "archiveName", always, "is only used with archiveMode always")
      yield* Validate.ensure(
        operation,
        "archiveName",
        typeof options.archiveName === "string" && options.archiveName.trim() !== "" &&
          options.archiveName.length <= 80,
        "expected 1 to 80 characters, not all blank"
      )
    }
    if (options.archiveResolution !== undefined) {
      yield* Validate.ensure(operation, "archiveResolution", always, "is only used with archiveMode always")
    }
    if (options.e2ee === true) {
      yield* Validate.ensure(operation, "e2ee", routed, "needs mediaMode routed")
      yield* Validate.ensure(operation, "e2ee", !always, "cannot be combined with archiveMode always")
    }
  })

/** The form body, field by field, in the order the platform documents them. */
const formOf = (options: CreateOptions): Array<[string, string]> => {
  const form: Array<[string, string]> = [
    ["archiveMode", options.archiveMode ?? "manual"],
    ["p2p.preference", options.mediaMode === "routed" ? "disabled" : "enabled"]
  ]
  if (options.location !== undefined) form.push(["location", options.location])
  if (options.e2ee === true) form.push(["e2ee", "true"])
  if (options.archiveName !== undefined) form.push(["archiveName", options.archiveName])
  if (options.archiveResolution !== undefined) form.push(["archiveResolution", options.archiveResolution])
  return form
}

/**
 * Creates a session. Every option is checked before the request is sent.
 *
 * @see https://developer.vonage.com/en/api/video#createSession
 * @since 0.1.0
 * @category operations
 */
export const create = (
  options: CreateOptions = {}
): Effect.Effect<Session, InvalidOption | BadRequest | RequestError, OpenTokConfig | HttpClient.HttpClient> => {
  const operation = "Sessions.create"
  return Effect.gen(function*() {
    yield* validate(options, operation)
    yield* Effect.annotateCurrentSpan("mediaMode", options.mediaMode ?? "relayed")
    const record = yield* Request.execute({
      operation,
      request: () => HttpClientRequest.post("/session/create").pipe(HttpClientRequest.bodyUrlParams(formOf(options))),
      decode: decodeAnswer
    })
    yield* Effect.annotateCurrentSpan("sessionId", record.session_id)
    return new Session({
      sessionId: record.session_id,
      projectId: Option.fromNullable(record.project_id ?? record.partner_id),
      createDt: Option.fromNullable(record.create_dt),
      mediaMode: options.mediaMode ?? "relayed",
      archiveMode: options.archiveMode ?? "manual",
      location: Option.fromNullable(options.location),
      e2ee: options.e2ee === true
    })
  }).pipe(Effect.withSpan(operation))
}
