import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import { randomUUID } from "node:crypto"
import { LayoutType, ScreenshareType } from "../../Layout.ts"
import { Resolution } from "../../Sessions.ts"
import { type Answer, fail, jsonBody, projectRoute } from "./http.ts"
import { type EmulatedArchive, type EmulatedSession, EmulatorStore, type Store } from "./store.ts"

const resolutions: ReadonlyArray<unknown> = Resolution.literals
const layoutTypes: ReadonlyArray<unknown> = LayoutType.literals
const screenshareTypes: ReadonlyArray<unknown> = ScreenshareType.literals

/** A stopped archive becomes available once processing time has passed on the emulator's clock. */
const settle = (store: Store, archive: EmulatedArchive): EmulatedArchive => {
  if (
    archive.status === "stopped" && archive.stoppedAt !== undefined &&
    store.now() >= archive.stoppedAt + store.archiveProcessingMillis
  ) {
    archive.status = "available"
    archive.updatedAt = archive.stoppedAt + store.archiveProcessingMillis
  }
  return archive
}

// OpenTok writes the project as a number; Vonage names the application instead.
const ownerOf = (store: Store) =>
  store.auth._tag === "ApiKey" ? { projectId: Number(store.projectId) } : { applicationId: store.projectId }

/** The archive as the platform writes it. */
export const archiveJson = (store: Store, archive: EmulatedArchive) => {
  const { status } = settle(store, archive)
  const durationSeconds = Math.round(((archive.stoppedAt ?? store.now()) - archive.createdAt) / 1000)
  const available = status === "available"
  return {
    id: archive.id,
    status,
    name: archive.name,
    reason: archive.reason,
    sessionId: archive.sessionId,
    ...ownerOf(store),
    createdAt: archive.createdAt,
    updatedAt: archive.updatedAt,
    size: available ? 1024 * Math.max(1, durationSeconds) : 0,
    duration: status === "started" ? 0 : durationSeconds,
    outputMode: archive.outputMode,
    streamMode: archive.streamMode,
    hasAudio: archive.hasAudio,
    hasVideo: archive.hasVideo,
    hasTranscription: archive.hasTranscription,
    ...(archive.hasTranscription
      ? { transcription: { status: available ? "available" : "requested", reason: "", url: null } }
      : {}),
    sha256sum: "",
    password: "",
    event: "archive",
    url: available ? `${"https://archives.emulator.invalid"}/${archive.id}/archive.mp4` : null,
    ...(archive.outputMode === "composed" ? { resolution: archive.resolution ?? "640x480" } : {}),
    ...(archive.multiArchiveTag === undefined ? {} : { multiArchiveTag: archive.multiArchiveTag }),
    ...(archive.maxBitrate === undefined ? {} : { maxBitrate: archive.maxBitrate }),
    ...(archive.quantizationParameter === undefined ? {} : { quantizationParameter: archive.quantizationParameter }),
    ...(archive.streamMode === "manual" ? { streams: archive.streams.map((s) => ({ ...s })) } : {})
  }
}

const layoutProblem = (layout: unknown): string | undefined => {
  if (typeof layout !== "object" || layout === null) return "Invalid layout"
  const { screenshareType, stylesheet, type } = layout as Record<string, unknown>
  if (!layoutTypes.includes(type)) return "Invalid layout type"
  if (type === "custom" && (typeof stylesheet !== "string" || stylesheet === "")) {
    return "Custom layout needs a stylesheet"
  }
  if (type !== "custom" && stylesheet !== undefined) return "Stylesheet is only allowed with the custom layout"
  if (screenshareType !== undefined && (type !== "bestFit" || !screenshareTypes.includes(screenshareType))) {
    return "screenshareType needs layout type bestFit"
  }
  return undefined
}

const isIntegerIn = (value: unknown, min: number, max: number) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max

const startProblem = (body: Record<string, unknown>): string | undefined => {
  const outputMode = body.outputMode ?? "composed"
  if (outputMode !== "composed" && outputMode !== "individual") return "Invalid outputMode"
  const streamMode = body.streamMode ?? "auto"
  if (streamMode !== "auto" && streamMode !== "manual") return "Invalid streamMode"
  if (body.resolution !== undefined) {
    if (!resolutions.includes(body.resolution)) return "Invalid resolution"
    if (outputMode === "individual") return "Resolution cannot be set for individual output mode"
  }
  if (body.layout !== undefined) {
    if (outputMode === "individual") return "Layouts apply to composed archives only"
    const problem = layoutProblem(body.layout)
    if (problem !== undefined) return problem
  }
  if (body.maxBitrate !== undefined && body.quantizationParameter !== undefined) {
    return "maxBitrate and quantizationParameter cannot both be set"
  }
  if (body.maxBitrate !== undefined && !isIntegerIn(body.maxBitrate, 100_000, 6_000_000)) return "Invalid maxBitrate"
  if (body.quantizationParameter !== undefined && !isIntegerIn(body.quantizationParameter, 15, 40)) {
    return "Invalid quantizationParameter"
  }
  if (body.hasAudio === false && body.hasVideo === false) return "An archive needs audio or video"
  return undefined
}

const newArchive = (store: Store, session: EmulatedSession, body: Record<string, unknown>): EmulatedArchive => {
  const now = store.now()
  const streamMode = body.streamMode === "manual" ? "manual" : "auto"
  return {
    id: randomUUID(),
    sessionId: session.sessionId,
    name: typeof body.name === "string" ? body.name : null,
    createdAt: now,
    updatedAt: now,
    status: "started",
    reason: "",
    stoppedAt: undefined,
    outputMode: body.outputMode === "individual" ? "individual" : "composed",
    streamMode,
    resolution: typeof body.resolution === "string" ? body.resolution : undefined,
    hasAudio: body.hasAudio !== false,
    hasVideo: body.hasVideo !== false,
    hasTranscription: body.hasTranscription === true,
    multiArchiveTag: typeof body.multiArchiveTag === "string" ? body.multiArchiveTag : undefined,
    maxBitrate: typeof body.maxBitrate === "number" ? body.maxBitrate : undefined,
    quantizationParameter: typeof body.quantizationParameter === "number" ? body.quantizationParameter : undefined,
    layout: typeof body.layout === "object" && body.layout !== null
      ? Object.fromEntries(Object.entries(body.layout).map(([k, v]) => [k, String(v)]))
      : { type: "bestFit" },
    streams: []
  }
}

/** Starts an archive as the platform would, or says why it refuses. */
export const startArchive = (store: Store, body: Record<string, unknown>): Answer => {
  const sessionId = body.sessionId
  if (typeof sessionId !== "string" || sessionId === "") return fail(400, "sessionId is required")
  const session = store.sessions.get(sessionId)
  if (session === undefined) return fail(404, "Session not found")
  const problem = startProblem(body)
  if (problem !== undefined) return fail(400, problem)
  if (session.mediaMode !== "routed") return fail(409, "Only routed sessions are allowed to initiate archives.", 15008)
  if (session.connections.size === 0) {
    return fail(404, "Not found. No clients are actively connected to the OpenTok session.")
  }
  const tag = typeof body.multiArchiveTag === "string" ? body.multiArchiveTag : undefined
  for (const other of store.archives.values()) {
    if (other.sessionId === sessionId && other.status === "started" && other.multiArchiveTag === tag) {
      return fail(409, "The session is already being archived with this tag")
    }
  }
  const archive = newArchive(store, session, body)
  store.archives.set(archive.id, archive)
  return { status: 200, json: archiveJson(store, archive) }
}

/** Archive mode always: the first client to connect starts an archive with the session's settings. */
export const startAutomaticArchive = (store: Store, session: EmulatedSession): void => {
  if (session.archiveMode !== "always" || session.connections.size !== 1) return
  startArchive(store, {
    sessionId: session.sessionId,
    ...(session.archiveName === undefined ? {} : { name: session.archiveName }),
    ...(session.archiveResolution === undefined ? {} : { resolution: session.archiveResolution })
  })
}

const withArchive = (store: Store, archiveId: string | undefined, f: (archive: EmulatedArchive) => Answer) => {
  const archive = archiveId === undefined ? undefined : store.archives.get(archiveId)
  return archive === undefined ? fail(404, "Archive not found") : f(settle(store, archive))
}

const stopArchive = (store: Store, archive: EmulatedArchive): Answer => {
  if (archive.status !== "started") {
    return fail(409, "You can only stop an archive that is started, paused or stopped", 15002)
  }
  const now = store.now()
  archive.status = "stopped"
  archive.reason = "user initiated"
  archive.stoppedAt = now
  archive.updatedAt = now
  return { status: 200, json: archiveJson(store, archive) }
}

const deleteArchive = (store: Store, archive: EmulatedArchive): Answer => {
  if (archive.status !== "available" && archive.status !== "deleted") {
    return fail(409, "You can only delete an archive that is available, uploaded or deleted", 15004)
  }
  archive.status = "deleted"
  archive.updatedAt = store.now()
  return { status: 204 }
}

const listArchives = (store: Store, query: URLSearchParams): Answer => {
  const offset = Number(query.get("offset") ?? "0")
  const count = Number(query.get("count") ?? "50")
  if (!isIntegerIn(offset, 0, Number.MAX_SAFE_INTEGER)) return fail(400, "Invalid offset")
  if (!isIntegerIn(count, 0, 1000)) return fail(400, "Invalid count")
  const sessionId = query.get("sessionId")
  const matching = [...store.archives.values()]
    .filter((archive) => sessionId === null || archive.sessionId === sessionId)
    .reverse()
    .sort((a, b) => b.createdAt - a.createdAt)
  return {
    status: 200,
    json: {
      count: matching.length,
      items: matching.slice(offset, offset + count).map((archive) => archiveJson(store, archive))
    }
  }
}

const changeStreams = (store: Store, archive: EmulatedArchive, body: Record<string, unknown>): Answer => {
  if (archive.streamMode !== "manual") return fail(405, "The archive uses stream mode auto")
  if (archive.status !== "started") return fail(409, "The archive is not recording")
  const { addStream, removeStream } = body
  const streamId = addStream ?? removeStream
  if (typeof streamId !== "string" || (addStream !== undefined && removeStream !== undefined)) {
    return fail(400, "Give exactly one of addStream and removeStream")
  }
  const recorded = archive.streams.findIndex((s) => s.streamId === streamId)
  if (removeStream !== undefined) {
    if (recorded === -1) return fail(404, "Stream not found in this archive")
    archive.streams.splice(recorded, 1)
    return { status: 204 }
  }
  if (!store.sessions.get(archive.sessionId)?.streams.has(streamId)) return fail(404, "Stream not found")
  const flags = { hasAudio: body.hasAudio !== false, hasVideo: body.hasVideo !== false }
  if (recorded === -1) archive.streams.push({ streamId, ...flags })
  else Object.assign(archive.streams[recorded]!, flags)
  return { status: 204 }
}

const setLayout = (archive: EmulatedArchive, body: Record<string, unknown>): Answer => {
  if (archive.outputMode !== "composed") return fail(400, "Layouts apply to composed archives only")
  const problem = layoutProblem(body)
  if (problem !== undefined) return fail(400, problem)
  archive.layout = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]))
  return { status: 200, json: {} }
}

const withBody = (f: (store: Store, body: Record<string, unknown>) => Answer) =>
  Effect.gen(function*() {
    const store = yield* EmulatorStore
    const body = yield* jsonBody
    return body === undefined ? fail(400, "Invalid JSON body") : f(store, body)
  })

export const routes = HttpRouter.empty.pipe(
  HttpRouter.post("/v2/project/:project/archive", projectRoute(() => withBody(startArchive))),
  HttpRouter.get(
    "/v2/project/:project/archive",
    projectRoute(() =>
      Effect.gen(function*() {
        const store = yield* EmulatorStore
        const request = yield* HttpServerRequest.HttpServerRequest
        return listArchives(store, new URL(request.url, "http://emulator").searchParams)
      })
    )
  ),
  HttpRouter.get(
    "/v2/project/:project/archive/:archiveId",
    projectRoute((params) =>
      Effect.map(
        EmulatorStore,
        (store) =>
          withArchive(store, params["archiveId"], (archive) => ({ status: 200, json: archiveJson(store, archive) }))
      )
    )
  ),
  HttpRouter.post(
    "/v2/project/:project/archive/:archiveId/stop",
    projectRoute((params) =>
      Effect.map(EmulatorStore, (store) => withArchive(store, params["archiveId"], (a) => stopArchive(store, a)))
    )
  ),
  HttpRouter.del(
    "/v2/project/:project/archive/:archiveId",
    projectRoute((params) =>
      Effect.map(EmulatorStore, (store) => withArchive(store, params["archiveId"], (a) => deleteArchive(store, a)))
    )
  ),
  HttpRouter.patch(
    "/v2/project/:project/archive/:archiveId/streams",
    projectRoute((params) =>
      withBody((store, body) => withArchive(store, params["archiveId"], (a) => changeStreams(store, a, body)))
    )
  ),
  HttpRouter.put(
    "/v2/project/:project/archive/:archiveId/layout",
    projectRoute((params) =>
      withBody((store, body) => withArchive(store, params["archiveId"], (a) => setLayout(a, body)))
    )
  )
)
