/**
 * A local stand-in for the OpenTok REST API: an HTTP server on the loopback interface with the
 * platform's routes, authentication and error bodies, keeping its state in memory. Point the SDK,
 * or any other SDK, at its URL to run a backend's tests offline.
 *
 * Imported from `effect-opentok/Emulator`, apart from the SDK, because it needs
 * `@effect/platform-node`.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { randomBytes } from "node:crypto"
import { createServer } from "node:http"
import { app } from "./internal/emulator/app.ts"
import { EmulatorStore, type RecordedRequest, Store } from "./internal/emulator/store.ts"
import * as OpenTokConfig from "./OpenTokConfig.ts"

/**
 * @since 0.1.0
 * @category models
 */
export type { RecordedRequest }

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The API key the emulator answers to. Default `"47000000"`. */
  readonly apiKey?: string | undefined
  /** The API secret it checks signatures with. Default a random one per start. */
  readonly apiSecret?: Redacted.Redacted<string> | undefined
  /** Default 0: a free port chosen by the system. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
}

/**
 * A running emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The base URL to give the SDK, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  readonly apiKey: string
  readonly apiSecret: Redacted.Redacted<string>
  /** Every API request received so far, oldest first. */
  readonly requests: () => ReadonlyArray<RecordedRequest>
  /** Forgets the recorded requests. */
  readonly clearRequests: () => void
  /** Moves the emulator's clock, which resources age by, to a new source of milliseconds. */
  readonly setClock: (now: () => number) => void
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Emulator extends Context.Tag("effect-opentok/Emulator")<Emulator, Service>() {}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultApiKey = "47000000"

/**
 * Starts an emulator that lives as long as the surrounding scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}) =>
  Effect.gen(function*() {
    const apiKey = options.apiKey ?? defaultApiKey
    const apiSecret = options.apiSecret ?? Redacted.make(randomBytes(20).toString("hex"))
    const store = new Store(apiKey, apiSecret)
    const host = options.host ?? "127.0.0.1"
    const server = yield* NodeHttpServer.make(() => createServer(), { port: options.port ?? 0, host })
    yield* server.serve(Effect.provideService(app, EmulatorStore, store))
    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const urlHost = host.includes(":") ? `[${host}]` : host
    return {
      url: `http://${urlHost}:${port}`,
      apiKey,
      apiSecret,
      requests: () => [...store.requests],
      clearRequests: () => {
        store.requests.length = 0
      },
      setClock: (now) => {
        store.now = now
      }
    } satisfies Service
  })

/**
 * The emulator as a Layer, closed with its scope.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Emulator, HttpServerError.ServeError> =>
  Layer.scoped(Emulator, make(options))

/**
 * An `OpenTokConfig` that points at the emulator, with its key and secret.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<OpenTokConfig.Options, "apiKey" | "apiSecret" | "baseUrl"> = {}
) =>
  Layer.unwrapEffect(Effect.map(Emulator, (emulator) =>
    OpenTokConfig.layer({
      ...options,
      apiKey: emulator.apiKey,
      apiSecret: emulator.apiSecret,
      baseUrl: emulator.url
    })))

/**
 * An emulator and an `OpenTokConfig` for it, together: everything but the `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithConfig = (options: Options = {}) => layerConfig().pipe(Layer.provideMerge(layer(options)))
