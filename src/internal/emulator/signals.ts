import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"
import { type Answer, fail, jsonBody, projectRoute } from "./http.ts"
import { EmulatorStore, type Store } from "./store.ts"

const signal = (
  store: Store,
  sessionId: string | undefined,
  connectionId: string | undefined,
  body: Record<string, unknown> | undefined
): Answer => {
  if (body === undefined) return fail(400, "Invalid JSON body")
  if (typeof body.data !== "string") return fail(400, "Signal payload 'data' must be set", 15202)
  if (body.type !== undefined && typeof body.type !== "string") return fail(400, "Signal 'type' must be a string")
  if (Buffer.byteLength(body.data) > 8192 || Buffer.byteLength(String(body.type ?? "")) > 128) {
    return fail(413, "Signal type or data too large")
  }
  const session = sessionId === undefined ? undefined : store.sessions.get(sessionId)
  if (session === undefined || session.connections.size === 0) {
    return fail(404, "Not found. No clients are actively connected to the OpenTok session.")
  }
  if (connectionId !== undefined && !session.connections.has(connectionId)) return fail(404, "Connection not found")
  return { status: 204 }
}

export const routes = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/v2/project/:project/session/:sessionId/signal",
    projectRoute((params) =>
      Effect.zipWith(EmulatorStore, jsonBody, (store, body) => signal(store, params["sessionId"], undefined, body))
    )
  ),
  HttpRouter.post(
    "/v2/project/:project/session/:sessionId/connection/:connectionId/signal",
    projectRoute((params) =>
      Effect.zipWith(
        EmulatorStore,
        jsonBody,
        (store, body) => signal(store, params["sessionId"], params["connectionId"], body)
      )
    )
  )
)
