/**
 * Signals: short messages the server sends to every client of a session, or to one connection.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Request from "./internal/request.ts"
import * as Validate from "./internal/validate.ts"
import type { OpenTokConfig } from "./OpenTokConfig.ts"
import {
  type BadRequest,
  ConnectionNotFound,
  type InvalidOption,
  NoClientsConnected,
  type RequestError
} from "./OpenTokError.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface Signal {
  /** Lets clients tell signals apart (at most 128 bytes). Default none. */
  readonly type?: string | undefined
  /** The payload (at most 8 kB). */
  readonly data: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SendOptions {
  /** Send to this connection only. Default every client of the session. */
  readonly connectionId?: string | undefined
}

const maxTypeBytes = 128
const maxDataBytes = 8 * 1024

const validate = (operation: string, sessionId: string, signal: Signal, options: SendOptions) =>
  Effect.gen(function*() {
    yield* Validate.nonEmptyString(operation, "sessionId", sessionId)
    yield* Validate.optionsObject(operation, signal)
    yield* Validate.optionsObject(operation, options)
    if (options.connectionId !== undefined) {
      yield* Validate.nonEmptyString(operation, "connectionId", options.connectionId)
    }
    yield* Validate.ensure(operation, "data", typeof signal?.data === "string", "expected a string")
    yield* Validate.ensure(
      operation,
      "data",
      Buffer.byteLength(signal.data) <= maxDataBytes,
      `expected at most ${maxDataBytes} bytes`
    )
    if (signal.type !== undefined) {
      yield* Validate.ensure(
        operation,
        "type",
        typeof signal.type === "string" && Buffer.byteLength(signal.type) <= maxTypeBytes,
        `expected a string of at most ${maxTypeBytes} bytes`
      )
    }
  })

/**
 * Sends a signal to every client of a session, or to one connection.
 *
 * @see https://developer.vonage.com/en/api/video#sendSignalToAll
 * @since 0.1.0
 * @category operations
 */
export const send = (
  sessionId: string,
  signal: Signal,
  options: SendOptions = {}
): Effect.Effect<
  void,
  InvalidOption | NoClientsConnected | ConnectionNotFound | BadRequest | RequestError,
  OpenTokConfig | HttpClient.HttpClient
> => {
  const operation = "Signals.send"
  return Effect.zipRight(
    validate(operation, sessionId, signal, options),
    Effect.suspend(() => {
      const connectionId = options.connectionId
      const target = connectionId === undefined ? "" : `/connection/${Request.segment(connectionId)}`
      return Request.execute({
        operation,
        request: (project) =>
          HttpClientRequest.post(`${project}/session/${Request.segment(sessionId)}${target}/signal`).pipe(
            HttpClientRequest.bodyUnsafeJson(
              signal.type === undefined ? { data: signal.data } : {
                type: signal.type,
                data: signal.data
              }
            )
          ),
        decode: Request.ignoreBody,
        onFailure: (failure) => {
          if (failure.status !== 404) return undefined
          const fields = Request.responseFields(failure)
          return connectionId === undefined
            ? new NoClientsConnected({ ...fields, sessionId })
            : new ConnectionNotFound({ ...fields, sessionId, connectionId })
        }
      })
    })
  ).pipe(Effect.withSpan(operation, { attributes: { sessionId: String(sessionId) } }))
}
