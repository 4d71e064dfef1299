import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"
import { randomUUID } from "node:crypto"
import { startAutomaticArchive } from "./archives.ts"
import { type Answer, fail, jsonBody, respond } from "./http.ts"
import { EmulatorStore, type Store } from "./store.ts"

// Simulated clients: what a browser or mobile app would do to a session, driven by the test.

export const connect = (store: Store, sessionId: string, data = ""): Answer => {
  const session = store.sessions.get(sessionId)
  if (session === undefined) return fail(404, "Session not found")
  const connectionId = randomUUID()
  session.connections.set(connectionId, { connectionId, data, createdAt: store.now() })
  startAutomaticArchive(store, session)
  return { status: 200, json: { connectionId } }
}

export const disconnect = (store: Store, sessionId: string, connectionId: string): Answer => {
  const session = store.sessions.get(sessionId)
  if (session === undefined || !session.connections.delete(connectionId)) return fail(404, "Connection not found")
  for (const [streamId, stream] of session.streams) {
    if (stream.connectionId === connectionId) session.streams.delete(streamId)
  }
  return { status: 204 }
}

export interface PublishOptions {
  readonly name?: string | undefined
  readonly videoType?: "camera" | "screen" | undefined
  readonly hasAudio?: boolean | undefined
  readonly hasVideo?: boolean | undefined
}

export const publish = (store: Store, sessionId: string, connectionId: string, options: PublishOptions): Answer => {
  const session = store.sessions.get(sessionId)
  if (session === undefined || !session.connections.has(connectionId)) return fail(404, "Connection not found")
  if (options.videoType !== undefined && options.videoType !== "camera" && options.videoType !== "screen") {
    return fail(400, "videoType must be camera or screen")
  }
  const streamId = randomUUID()
  session.streams.set(streamId, {
    streamId,
    connectionId,
    name: options.name ?? "",
    videoType: options.videoType ?? "camera",
    hasAudio: options.hasAudio !== false,
    hasVideo: options.hasVideo !== false,
    layoutClassList: []
  })
  return { status: 200, json: { streamId } }
}

export const unpublish = (store: Store, sessionId: string, streamId: string): Answer => {
  const session = store.sessions.get(sessionId)
  return session?.streams.delete(streamId) === true ? { status: 204 } : fail(404, "Stream not found")
}

export interface FaultOptions {
  readonly status: number
  readonly body?: string | undefined
  readonly retryAfter?: number | undefined
  readonly times?: number | undefined
}

export const injectFault = (store: Store, options: FaultOptions): Answer => {
  const times = options.times ?? 1
  if (!Number.isInteger(options.status) || options.status < 200 || options.status > 599) {
    return fail(400, "status must be an HTTP status from 200 to 599")
  }
  if (!Number.isInteger(times) || times < 1) return fail(400, "times must be a whole number of at least 1")
  store.faults.push({ status: options.status, body: options.body, retryAfter: options.retryAfter, remaining: times })
  return { status: 204 }
}

const control = (
  f: (store: Store, params: Readonly<Record<string, string | undefined>>, body: Record<string, unknown>) => Answer
) =>
  Effect.gen(function*() {
    const store = yield* EmulatorStore
    const params = yield* HttpRouter.params
    const body = yield* jsonBody
    return respond(body === undefined ? fail(400, "Invalid JSON body") : f(store, params, body))
  })

const text = (value: unknown): string | undefined => typeof value === "string" ? value : undefined
const flag = (value: unknown): boolean | undefined => typeof value === "boolean" ? value : undefined

/**
 * Control routes under `/_emulator`, a prefix the platform does not use, so that any SDK's tests can
 * drive simulated clients and the clock over HTTP. They need no authentication.
 */
export const routes = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/_emulator/sessions/:sessionId/connections",
    control((store, params, body) => connect(store, params["sessionId"] ?? "", text(body.data)))
  ),
  HttpRouter.del(
    "/_emulator/sessions/:sessionId/connections/:connectionId",
    control((store, params) => disconnect(store, params["sessionId"] ?? "", params["connectionId"] ?? ""))
  ),
  HttpRouter.post(
    "/_emulator/sessions/:sessionId/connections/:connectionId/streams",
    control((store, params, body) =>
      publish(store, params["sessionId"] ?? "", params["connectionId"] ?? "", {
        name: text(body.name),
        videoType: text(body.videoType) as PublishOptions["videoType"],
        hasAudio: flag(body.hasAudio),
        hasVideo: flag(body.hasVideo)
      })
    )
  ),
  HttpRouter.del(
    "/_emulator/sessions/:sessionId/streams/:streamId",
    control((store, params) => unpublish(store, params["sessionId"] ?? "", params["streamId"] ?? ""))
  ),
  HttpRouter.post(
    "/_emulator/faults",
    control((store, _, body) =>
      injectFault(store, {
        status: Number(body.status),
        body: text(body.body),
        retryAfter: typeof body.retryAfter === "number" ? body.retryAfter : undefined,
        times: typeof body.times === "number" ? body.times : undefined
      })
    )
  ),
  HttpRouter.post(
    "/_emulator/clock/advance",
    control((store, _, body) => {
      if (!Number.isInteger(body.millis) || (body.millis as number) < 0) {
        return fail(400, "millis must be a whole number")
      }
      store.advance(body.millis as number)
      return { status: 200, json: { now: store.now() } }
    })
  )
)
