import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Archives from "./archives.ts"
import * as Clients from "./clients.ts"
import { notFound, platformError } from "./http.ts"
import * as Sessions from "./sessions.ts"
import * as Signals from "./signals.ts"
import { EmulatorStore } from "./store.ts"

const router = HttpRouter.concatAll(Sessions.routes, Archives.routes, Signals.routes, Clients.routes)

// The body is read here once (the server caches it), so handlers and the record see the same text.
const record = Effect.gen(function*() {
  const store = yield* EmulatorStore
  const request = yield* HttpServerRequest.HttpServerRequest
  if (request.url.startsWith("/_emulator/")) return
  const body = yield* Effect.orElseSucceed(request.text, () => "")
  store.requests.push({ method: request.method, url: request.url, headers: { ...request.headers }, body })
})

/** Answers the next injected fault, if any is due, in place of the route. */
const injectedFault = Effect.gen(function*() {
  const store = yield* EmulatorStore
  const request = yield* HttpServerRequest.HttpServerRequest
  const fault = store.faults[0]
  if (fault === undefined || request.url.startsWith("/_emulator/")) return undefined
  if (--fault.remaining <= 0) store.faults.shift()
  const headers = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) }
  return fault.body === undefined
    ? platformError(fault.status, fault.status, `Injected failure ${fault.status}`).pipe(
      HttpServerResponse.setHeaders(headers)
    )
    : HttpServerResponse.text(fault.body, { status: fault.status, headers, contentType: "application/json" })
})

/** Every resource's routes, one module each; unknown routes get the platform's 404 body. */
export const app: Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  EmulatorStore | HttpServerRequest.HttpServerRequest
> = Effect.zipRight(
  record,
  Effect.flatMap(injectedFault, (fault) => fault === undefined ? router : Effect.succeed(fault))
).pipe(
  Effect.catchTag("RouteNotFound", () => Effect.succeed(notFound)),
  Effect.catchAllCause(() => Effect.succeed(platformError(500, 500, "Internal emulator error")))
)
