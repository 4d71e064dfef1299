import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { notFound, platformError } from "./http.ts"
import * as Sessions from "./sessions.ts"
import type { EmulatorStore } from "./store.ts"

/** Every resource's routes, one module each; unknown routes get the platform's 404 body. */
export const app: Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  EmulatorStore | HttpServerRequest.HttpServerRequest
> = HttpRouter.concatAll(Sessions.routes).pipe(
  Effect.catchTag("RouteNotFound", () => Effect.succeed(notFound)),
  Effect.catchAllCause(() => Effect.succeed(platformError(500, 500, "Internal emulator error")))
)
