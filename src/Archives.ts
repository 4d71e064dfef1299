/**
 * Recording sessions. An archive records a routed session, either composed into one file or as
 * one file per stream, and becomes downloadable once the platform has processed it.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Request from "./internal/request.ts"
import * as Validate from "./internal/validate.ts"
import * as Layout from "./Layout.ts"
import type { OpenTokConfig } from "./OpenTokConfig.ts"
import {
  AlreadyRecording,
  ArchiveNotDeletable,
  ArchiveNotFound,
  ArchiveNotRecording,
  type BadRequest,
  type InvalidOption,
  InvalidResolution,
  ManualStreamModeRequired,
  NoClientsConnected,
  type RequestError,
  SessionNotFound,
  SessionNotRouted,
  StreamNotFound
} from "./OpenTokError.ts"
import { Resolution } from "./Sessions.ts"

/**
 * @since 0.1.0
 * @category models
 */
export const ArchiveStatus = Schema.Literal(
  "started",
  "paused",
  "stopped",
  "uploaded",
  "available",
  "expired",
  "failed",
  "deleted"
)

/**
 * @since 0.1.0
 * @category models
 */
export type ArchiveStatus = typeof ArchiveStatus.Type

/**
 * `composed` (default): one file with every stream laid out. `individual`: one file per stream.
 *
 * @since 0.1.0
 * @category models
 */
export const OutputMode = Schema.Literal("composed", "individual")

/**
 * @since 0.1.0
 * @category models
 */
export type OutputMode = typeof OutputMode.Type

/**
 * `auto` (default): every stream is recorded. `manual`: only the streams added with `addStream`.
 *
 * @since 0.1.0
 * @category models
 */
export const StreamMode = Schema.Literal("auto", "manual")

/**
 * @since 0.1.0
 * @category models
 */
export type StreamMode = typeof StreamMode.Type

/**
 * A stream recorded by an archive in manual stream mode.
 *
 * @since 0.1.0
 * @category models
 */
export class ArchivedStream extends Schema.Class<ArchivedStream>("effect-opentok/Archives/ArchivedStream")({
  streamId: Schema.String,
  hasAudio: Schema.optional(Schema.Boolean),
  hasVideo: Schema.optional(Schema.Boolean)
}) {}

/**
 * The state of an archive's transcription.
 *
 * @since 0.1.0
 * @category models
 */
export class Transcription extends Schema.Class<Transcription>("effect-opentok/Archives/Transcription")({
  status: Schema.optional(Schema.String),
  url: Schema.optional(Schema.NullOr(Schema.String)),
  reason: Schema.optional(Schema.String),
  primaryLanguageCode: Schema.optional(Schema.String),
  hasSummary: Schema.optional(Schema.Boolean)
}) {}

// OpenTok writes the project as a number, Vonage as an application id string.
const ProjectRef = Schema.Union(Schema.Number, Schema.String)

/**
 * An archive as the platform describes it. Unknown fields are ignored, so new platform fields do
 * not break decoding.
 *
 * @since 0.1.0
 * @category models
 */
export class Archive extends Schema.Class<Archive>("effect-opentok/Archives/Archive")({
  id: Schema.String,
  status: ArchiveStatus,
  /** `null` when the archive was started without a name. */
  name: Schema.optional(Schema.NullOr(Schema.String)),
  /** Why the archive stopped or failed, e.g. `"user initiated"`, `"session ended"`. */
  reason: Schema.optional(Schema.String),
  sessionId: Schema.String,
  projectId: Schema.optional(ProjectRef),
  partnerId: Schema.optional(ProjectRef),
  applicationId: Schema.optional(Schema.String),
  /** Epoch milliseconds. */
  createdAt: Schema.Number,
  /** Epoch milliseconds. */
  updatedAt: Schema.optional(Schema.Number),
  /** Bytes; 0 until the archive is available. */
  size: Schema.optional(Schema.Number),
  /** Seconds. */
  duration: Schema.optional(Schema.Number),
  outputMode: Schema.optional(OutputMode),
  streamMode: Schema.optional(StreamMode),
  hasAudio: Schema.optional(Schema.Boolean),
  hasVideo: Schema.optional(Schema.Boolean),
  hasTranscription: Schema.optional(Schema.Boolean),
  transcription: Schema.optional(Transcription),
  sha256sum: Schema.optional(Schema.String),
  password: Schema.optional(Schema.String),
  multiArchiveTag: Schema.optional(Schema.String),
  event: Schema.optional(Schema.Literal("archive")),
  resolution: Schema.optional(Schema.String),
  /** A short-lived download URL, present only while the archive is available. */
  url: Schema.optional(Schema.NullOr(Schema.String)),
  maxBitrate: Schema.optional(Schema.Number),
  quantizationParameter: Schema.optional(Schema.Number),
  /** The recorded streams, in manual stream mode. */
  streams: Schema.optional(Schema.Array(ArchivedStream))
}) {
  /** When the archive started. */
  get createdAtDate(): Date {
    return new Date(this.createdAt)
  }

  /** True once the archive can be downloaded from `url`. */
  get isAvailable(): boolean {
    return this.status === "available"
  }
}

/**
 * One page of `list`: the total number of archives that match, and this page's items.
 *
 * @since 0.1.0
 * @category models
 */
export class ArchiveList extends Schema.Class<ArchiveList>("effect-opentok/Archives/ArchiveList")({
  count: Schema.Number,
  items: Schema.Array(Archive)
}) {}

/**
 * What transcription should produce.
 *
 * @since 0.1.0
 * @category models
 */
export interface TranscriptionProperties {
  /** A BCP-47 language code, e.g. `en-US`. */
  readonly primaryLanguageCode?: string | undefined
  /** Also produce a summary. */
  readonly hasSummary?: boolean | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface StartOptions {
  readonly name?: string | undefined
  /** Default true. */
  readonly hasAudio?: boolean | undefined
  /** Default true. */
  readonly hasVideo?: boolean | undefined
  /** Default `composed`. */
  readonly outputMode?: OutputMode | undefined
  /** Composed output only. Default `640x480`. */
  readonly resolution?: Resolution | undefined
  /** Composed output only. Default `bestFit`. */
  readonly layout?: Layout.Layout | undefined
  /** Default `auto`. */
  readonly streamMode?: StreamMode | undefined
  /** Lets several archives of one session run at once, each with its own tag. */
  readonly multiArchiveTag?: string | undefined
  /** Bits per second, 100000 to 6000000. Not with `quantizationParameter`. */
  readonly maxBitrate?: number | undefined
  /** Video quality, 15 (best) to 40. Not with `maxBitrate`. */
  readonly quantizationParameter?: number | undefined
  readonly hasTranscription?: boolean | undefined
  /** Only with `hasTranscription: true`. */
  readonly transcriptionProperties?: TranscriptionProperties | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ListOptions {
  /** How many of the most recent archives to skip. Default 0. */
  readonly offset?: number | undefined
  /** How many to return, 0 to 1000. Default 50 (the platform's). */
  readonly count?: number | undefined
  /** Only the archives of this session. */
  readonly sessionId?: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface AddStreamOptions {
  /** Default true. */
  readonly hasAudio?: boolean | undefined
  /** Default true. */
  readonly hasVideo?: boolean | undefined
}

type Requirements = OpenTokConfig | HttpClient.HttpClient

const bcp47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

const audioOrVideo = (operation: string, options: { readonly hasAudio?: unknown; readonly hasVideo?: unknown }) =>
  Effect.all([
    Validate.booleanOrUndefined(operation, "hasAudio", options.hasAudio),
    Validate.booleanOrUndefined(operation, "hasVideo", options.hasVideo),
    Validate.ensure(
      operation,
      "hasAudio",
      options.hasAudio !== false || options.hasVideo !== false,
      "hasAudio and hasVideo cannot both be false"
    )
  ], { discard: true })

const validateStart = (operation: string, sessionId: string, options: StartOptions) =>
  Effect.gen(function*() {
    yield* Validate.nonEmptyString(operation, "sessionId", sessionId)
    yield* Validate.optionsObject(operation, options)
    if (options.name !== undefined) {
      yield* Validate.ensure(operation, "name", typeof options.name === "string", "expected a string")
    }
    yield* audioOrVideo(operation, options)
    yield* Validate.oneOf(operation, "outputMode", options.outputMode, OutputMode.literals)
    yield* Validate.oneOf(operation, "streamMode", options.streamMode, StreamMode.literals)
    if (options.resolution !== undefined) {
      if (!(Resolution.literals as ReadonlyArray<unknown>).includes(options.resolution)) {
        return yield* new InvalidResolution({
          operation,
          resolution: String(options.resolution),
          reason: `is not one of ${Resolution.literals.join(", ")}`
        })
      }
      if (options.outputMode === "individual") {
        return yield* new InvalidResolution({
          operation,
          resolution: options.resolution,
          reason: "cannot be set with individual output: each stream keeps its own size"
        })
      }
    }
    if (options.layout !== undefined) {
      yield* Validate.ensure(operation, "layout", options.outputMode !== "individual", "needs composed output")
      yield* Layout.validate(operation, options.layout)
    }
    if (options.multiArchiveTag !== undefined) {
      yield* Validate.nonEmptyString(operation, "multiArchiveTag", options.multiArchiveTag)
    }
    yield* Validate.ensure(
      operation,
      "quantizationParameter",
      options.maxBitrate === undefined || options.quantizationParameter === undefined,
      "cannot be combined with maxBitrate"
    )
    yield* Validate.integerBetween(operation, "maxBitrate", options.maxBitrate, 100_000, 6_000_000)
    yield* Validate.integerBetween(operation, "quantizationParameter", options.quantizationParameter, 15, 40)
    yield* Validate.booleanOrUndefined(operation, "hasTranscription", options.hasTranscription)
    const transcription = options.transcriptionProperties
    if (transcription !== undefined) {
      yield* Validate.ensure(
        operation,
        "transcriptionProperties",
        typeof transcription === "object" && transcription !== null,
        "expected an object"
      )
      yield* Validate.ensure(
        operation,
        "transcriptionProperties",
        options.hasTranscription === true,
        "needs hasTranscription true"
      )
      if (transcription.primaryLanguageCode !== undefined) {
        yield* Validate.ensure(
          operation,
          "transcriptionProperties.primaryLanguageCode",
          typeof transcription.primaryLanguageCode === "string" && bcp47.test(transcription.primaryLanguageCode),
          "expected a BCP-47 language code such as en-US"
        )
      }
      yield* Validate.booleanOrUndefined(operation, "transcriptionProperties.hasSummary", transcription.hasSummary)
    }
  })

/** The start body: the session id and exactly the options that were given, `false` included. */
const startBody = (sessionId: string, options: StartOptions): Record<string, unknown> => {
  const body: Record<string, unknown> = { sessionId }
  const given = <K extends keyof StartOptions>(key: K, value: unknown = options[key]) => {
    if (options[key] !== undefined) body[key] = value
  }
  given("name")
  given("hasAudio")
  given("hasVideo")
  given("outputMode")
  given("resolution")
  given("layout", options.layout === undefined ? undefined : Layout.toJson(options.layout))
  given("streamMode")
  given("multiArchiveTag")
  given("maxBitrate")
  given("quantizationParameter")
  given("hasTranscription")
  given("transcriptionProperties", {
    ...(options.transcriptionProperties?.primaryLanguageCode === undefined
      ? {}
      : { primaryLanguageCode: options.transcriptionProperties.primaryLanguageCode }),
    ...(options.transcriptionProperties?.hasSummary === undefined
      ? {}
      : { hasSummary: options.transcriptionProperties.hasSummary })
  })
  return body
}

const decodeArchive = Request.json(Archive, "an archive")

const mentions = (failure: Request.Failure, pattern: RegExp) => pattern.test(failure.platformMessage ?? "")

const archiveNotFound = (archiveId: string) => (failure: Request.Failure) =>
  failure.status === 404 ? new ArchiveNotFound({ ...Request.responseFields(failure), archiveId }) : undefined

/** A call on one archive by id: the id checked, 404 read as ArchiveNotFound, 409 as `onConflict` says. */
const onArchive = <A, E>(
  operation: string,
  archiveId: string,
  request: (path: string) => HttpClientRequest.HttpClientRequest,
  decode: Request.Endpoint<A, never>["decode"],
  onConflict?: (fields: ReturnType<typeof Request.responseFields>) => E
) =>
  Effect.zipRight(
    Validate.nonEmptyString(operation, "archiveId", archiveId),
    Effect.suspend(() =>
      Request.execute({
        operation,
        request: (project) => request(`${project}/archive/${Request.segment(archiveId)}`),
        decode,
        onFailure: (failure) =>
          failure.status === 409 && onConflict !== undefined
            ? onConflict(Request.responseFields(failure))
            : archiveNotFound(archiveId)(failure)
      })
    )
  ).pipe(Effect.withSpan(operation, { attributes: { archiveId: String(archiveId) } }))

/**
 * Starts recording a session. The session must be routed and have at least one connected client.
 *
 * @see https://developer.vonage.com/en/api/video#startArchive
 * @since 0.1.0
 * @category operations
 */
export const start = (
  sessionId: string,
  options: StartOptions = {}
): Effect.Effect<
  Archive,
  | InvalidOption
  | InvalidResolution
  | SessionNotFound
  | NoClientsConnected
  | SessionNotRouted
  | AlreadyRecording
  | BadRequest
  | RequestError,
  Requirements
> => {
  const operation = "Archives.start"
  return Effect.gen(function*() {
    yield* validateStart(operation, sessionId, options)
    const archive = yield* Request.execute({
      operation,
      request: (project) =>
        HttpClientRequest.post(`${project}/archive`).pipe(
          HttpClientRequest.bodyUnsafeJson(startBody(sessionId, options))
        ),
      decode: decodeArchive,
      onFailure: (failure) => {
        const fields = { ...Request.responseFields(failure), sessionId }
        if ((failure.status === 404 || failure.status === 400) && mentions(failure, /no clients/i)) {
          return new NoClientsConnected(fields)
        }
        if (failure.status === 404) return new SessionNotFound(fields)
        if (failure.status === 409) {
          return failure.code === 15008 || mentions(failure, /routed/i)
            ? new SessionNotRouted(fields)
            : new AlreadyRecording(fields)
        }
        return undefined
      }
    })
    yield* Effect.annotateCurrentSpan("archiveId", archive.id)
    return archive
  }).pipe(Effect.withSpan(operation, { attributes: { sessionId } }))
}

/**
 * Stops a recording archive. Its status becomes `stopped`, then `available` once processed.
 *
 * @see https://developer.vonage.com/en/api/video#stopArchive
 * @since 0.1.0
 * @category operations
 */
export const stop = (
  archiveId: string
): Effect.Effect<
  Archive,
  InvalidOption | ArchiveNotFound | ArchiveNotRecording | BadRequest | RequestError,
  Requirements
> => {
  return onArchive(
    "Archives.stop",
    archiveId,
    (path) => HttpClientRequest.post(`${path}/stop`),
    decodeArchive,
    (fields) => new ArchiveNotRecording({ ...fields, archiveId })
  )
}

/**
 * Reads one archive.
 *
 * @see https://developer.vonage.com/en/api/video#getArchive
 * @since 0.1.0
 * @category operations
 */
export const get = (
  archiveId: string
): Effect.Effect<Archive, InvalidOption | ArchiveNotFound | BadRequest | RequestError, Requirements> => {
  return onArchive("Archives.get", archiveId, HttpClientRequest.get, decodeArchive)
}

const deleteArchive = (
  archiveId: string
): Effect.Effect<
  void,
  InvalidOption | ArchiveNotFound | ArchiveNotDeletable | BadRequest | RequestError,
  Requirements
> => {
  return onArchive(
    "Archives.delete",
    archiveId,
    HttpClientRequest.del,
    Request.ignoreBody,
    (fields) => new ArchiveNotDeletable({ ...fields, archiveId })
  )
}

export {
  /**
   * Deletes an archive's files. Only archives that are available, uploaded or already deleted can
   * be deleted; a recording one must be stopped first.
   *
   * @see https://developer.vonage.com/en/api/video#deleteArchive
   * @since 0.1.0
   * @category operations
   */
  deleteArchive as delete
}

const validateList = (operation: string, options: ListOptions) =>
  Effect.gen(function*() {
    yield* Validate.optionsObject(operation, options)
    yield* Validate.integerBetween(operation, "offset", options.offset, 0, Number.MAX_SAFE_INTEGER)
    yield* Validate.integerBetween(operation, "count", options.count, 0, 1000)
    if (options.sessionId !== undefined) yield* Validate.nonEmptyString(operation, "sessionId", options.sessionId)
  })

const listQuery = (options: ListOptions): Array<[string, string]> => {
  const query: Array<[string, string]> = []
  if (options.offset !== undefined) query.push(["offset", String(options.offset)])
  if (options.count !== undefined) query.push(["count", String(options.count)])
  if (options.sessionId !== undefined) query.push(["sessionId", options.sessionId])
  return query
}

/**
 * Lists archives, most recent first. `count` in the answer is the total that match, not the
 * length of this page.
 *
 * @see https://developer.vonage.com/en/api/video#listArchives
 * @since 0.1.0
 * @category operations
 */
export const list = (
  options: ListOptions = {}
): Effect.Effect<ArchiveList, InvalidOption | BadRequest | RequestError, Requirements> => {
  const operation = "Archives.list"
  return Effect.zipRight(
    validateList(operation, options),
    Request.execute({
      operation,
      request: (project) =>
        HttpClientRequest.get(`${project}/archive`).pipe(HttpClientRequest.setUrlParams(listQuery(options))),
      decode: Request.json(ArchiveList, "a page of archives ({count, items})")
    })
  ).pipe(Effect.withSpan(operation))
}

/**
 * Every archive (of one session, if given), most recent first, fetched page by page as the stream
 * is read. Archives started while it is read can shift the pages, so one may appear twice.
 *
 * @since 0.1.0
 * @category operations
 */
export const all = (
  options: { readonly sessionId?: string | undefined; readonly pageSize?: number | undefined } = {}
): Stream.Stream<Archive, InvalidOption | BadRequest | RequestError, Requirements> => {
  const operation = "Archives.all"
  return Stream.unwrap(Effect.gen(function*() {
    yield* Validate.optionsObject(operation, options)
    const pageSize = options.pageSize ?? 100
    yield* Validate.integerBetween(operation, "pageSize", pageSize, 1, 1000)
    return Stream.paginateChunkEffect(
      0,
      (offset) =>
        Effect.map(list({ offset, count: pageSize, sessionId: options.sessionId }), (page) => [
          Chunk.fromIterable(page.items),
          page.items.length < pageSize || offset + page.items.length >= page.count
            ? Option.none()
            : Option.some(offset + page.items.length)
        ])
    )
  }))
}

/**
 * Changes the layout of a composed archive while it records.
 *
 * @see https://developer.vonage.com/en/api/video#updateArchiveLayout
 * @since 0.1.0
 * @category operations
 */
export const setLayout = (
  archiveId: string,
  layout: Layout.Layout
): Effect.Effect<void, InvalidOption | ArchiveNotFound | BadRequest | RequestError, Requirements> => {
  const operation = "Archives.setLayout"
  return Effect.gen(function*() {
    yield* Validate.nonEmptyString(operation, "archiveId", archiveId)
    yield* Layout.validate(operation, layout)
    yield* Request.execute({
      operation,
      request: (project) =>
        HttpClientRequest.put(`${project}/archive/${Request.segment(archiveId)}/layout`).pipe(
          HttpClientRequest.bodyUnsafeJson(Layout.toJson(layout))
        ),
      decode: Request.ignoreBody,
      onFailure: archiveNotFound(archiveId)
    })
  }).pipe(Effect.withSpan(operation, { attributes: { archiveId } }))
}

const patchStreams = (operation: string, archiveId: string, streamId: string, body: Record<string, unknown>) =>
  Effect.gen(function*() {
    yield* Validate.nonEmptyString(operation, "archiveId", archiveId)
    yield* Validate.nonEmptyString(operation, "streamId", streamId)
    yield* Request.execute({
      operation,
      request: (project) =>
        HttpClientRequest.patch(`${project}/archive/${Request.segment(archiveId)}/streams`).pipe(
          HttpClientRequest.bodyUnsafeJson(body)
        ),
      decode: Request.ignoreBody,
      onFailure: (failure) => {
        const fields = Request.responseFields(failure)
        if (failure.status === 405) return new ManualStreamModeRequired({ ...fields, resourceId: archiveId })
        if (failure.status === 409) return new ArchiveNotRecording({ ...fields, archiveId })
        if (failure.status === 404 && mentions(failure, /stream/i)) return new StreamNotFound({ ...fields, streamId })
        return archiveNotFound(archiveId)(failure)
      }
    })
  }).pipe(Effect.withSpan(operation, { attributes: { archiveId, streamId } }))

type StreamChangeError =
  | InvalidOption
  | ArchiveNotFound
  | StreamNotFound
  | ManualStreamModeRequired
  | ArchiveNotRecording
  | BadRequest
  | RequestError

/**
 * Adds a stream to an archive started with `streamMode: "manual"`.
 *
 * @see https://developer.vonage.com/en/api/video#addArchiveStream
 * @since 0.1.0
 * @category operations
 */
export const addStream = (
  archiveId: string,
  streamId: string,
  options: AddStreamOptions = {}
): Effect.Effect<void, StreamChangeError, Requirements> => {
  const operation = "Archives.addStream"
  return Effect.gen(function*() {
    yield* Validate.optionsObject(operation, options)
    yield* audioOrVideo(operation, options)
    yield* patchStreams(operation, archiveId, streamId, {
      addStream: streamId,
      ...(options.hasAudio === undefined ? {} : { hasAudio: options.hasAudio }),
      ...(options.hasVideo === undefined ? {} : { hasVideo: options.hasVideo })
    })
  })
}

/**
 * Removes a stream from an archive started with `streamMode: "manual"`.
 *
 * @see https://developer.vonage.com/en/api/video#removeArchiveStream
 * @since 0.1.0
 * @category operations
 */
export const removeStream = (
  archiveId: string,
  streamId: string
): Effect.Effect<void, StreamChangeError, Requirements> =>
  patchStreams("Archives.removeStream", archiveId, streamId, { removeStream: streamId })
