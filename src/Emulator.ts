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
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto"
import { createServer } from "node:http"
import { app } from "./internal/emulator/app.ts"
import * as Clients from "./internal/emulator/clients.ts"
import type { FaultOptions, PublishOptions } from "./internal/emulator/clients.ts"
import type { Answer } from "./internal/emulator/http.ts"
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
  /**
   * Given, the emulator takes Vonage application credentials instead of an API key and secret:
   * it answers to this application id and checks `Authorization: Bearer` RS256 JWTs.
   */
  readonly applicationId?: string | undefined
  /** The application's private key (PEM), whose public half checks signatures. Default a new RSA key. */
  readonly privateKey?: Redacted.Redacted<string> | undefined
  /** Default 0: a free port chosen by the system. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** How long a stopped archive takes to become available, on the emulator's clock. Default 5 seconds. */
  readonly archiveProcessingTime?: Duration.DurationInput | undefined
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
  /** The API key, or application id, it answers to. */
  readonly projectId: string
  /** Credentials it accepts, to give the SDK: an API key and secret, or an application id and key. */
  readonly credentials: OpenTokConfig.Credentials
  /**
   * Every API request received so far, oldest first, headers as sent: the auth token is among
   * them, signed with this emulator's credentials.
   */
  readonly requests: () => ReadonlyArray<RecordedRequest>
  /** Forgets the recorded requests. */
  readonly clearRequests: () => void
  /** A simulated client connects to a session; gives its connection id. */
  readonly connect: (sessionId: string, options?: { readonly data?: string }) => Effect.Effect<string, EmulatorError>
  readonly disconnect: (sessionId: string, connectionId: string) => Effect.Effect<void, EmulatorError>
  /** A connected client publishes a stream; gives the stream id. */
  readonly publish: (
    sessionId: string,
    connectionId: string,
    options?: PublishOptions
  ) => Effect.Effect<string, EmulatorError>
  readonly unpublish: (sessionId: string, streamId: string) => Effect.Effect<void, EmulatorError>
  /**
   * Answers the next `times` (default 1) API requests with a failure instead: a status with the
   * platform's error body, or a raw `body`, and `Retry-After` when given.
   */
  readonly injectFault: (fault: FaultOptions) => Effect.Effect<void, EmulatorError>
  /** Moves the emulator's clock on: archives age by it (stopped, then available after processing). */
  readonly advanceClock: (by: Duration.DurationInput) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export type { FaultOptions, PublishOptions }

/**
 * A control call the emulator refused, e.g. connecting to a session it never created.
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorError extends Data.TaggedError("EmulatorError")<{
  readonly status: number
  readonly message: string
}> {}

const run = <A>(answer: Answer, read: (json: Record<string, unknown>) => A): Effect.Effect<A, EmulatorError> => {
  if ("error" in answer) return Effect.fail(new EmulatorError({ status: answer.status, message: answer.error }))
  return Effect.succeed(read("json" in answer ? answer.json as Record<string, unknown> : {}))
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
 * A fresh RSA key pair's private half, for an application emulator given none. 2048 bits, as
 * Vonage issues.
 *
 * @since 0.1.0
 * @category constructors
 */
export const generatePrivateKey = (): Redacted.Redacted<string> =>
  Redacted.make(
    generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()
  )

const credentialsOf = (options: Options): OpenTokConfig.Credentials =>
  options.applicationId !== undefined || options.privateKey !== undefined
    ? {
      _tag: "Application",
      applicationId: options.applicationId ?? randomUUID(),
      privateKey: options.privateKey ?? generatePrivateKey()
    }
    : {
      _tag: "ApiKey",
      apiKey: options.apiKey ?? defaultApiKey,
      apiSecret: options.apiSecret ?? Redacted.make(randomBytes(20).toString("hex"))
    }

/**
 * Starts an emulator that lives as long as the surrounding scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}) =>
  Effect.gen(function*() {
    const credentials = credentialsOf(options)
    const store = new Store(
      OpenTokConfig.projectId(credentials),
      credentials._tag === "ApiKey"
        ? { _tag: "ApiKey", apiSecret: credentials.apiSecret }
        : { _tag: "Application", publicKey: createPublicKey(Redacted.value(credentials.privateKey)) },
      Duration.toMillis(options.archiveProcessingTime ?? Duration.seconds(5))
    )
    const host = options.host ?? "127.0.0.1"
    const server = yield* NodeHttpServer.make(() => createServer(), { port: options.port ?? 0, host })
    yield* server.serve(Effect.provideService(app, EmulatorStore, store))
    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const urlHost = host.includes(":") ? `[${host}]` : host
    return {
      url: `http://${urlHost}:${port}`,
      projectId: store.projectId,
      credentials,
      requests: () => [...store.requests],
      clearRequests: () => {
        store.requests.length = 0
      },
      connect: (sessionId, connectOptions) =>
        run(Clients.connect(store, sessionId, connectOptions?.data), (json) => String(json.connectionId)),
      disconnect: (sessionId, connectionId) => run(Clients.disconnect(store, sessionId, connectionId), () => undefined),
      publish: (sessionId, connectionId, publishOptions = {}) =>
        run(Clients.publish(store, sessionId, connectionId, publishOptions), (json) => String(json.streamId)),
      unpublish: (sessionId, streamId) => run(Clients.unpublish(store, sessionId, streamId), () => undefined),
      injectFault: (fault) => run(Clients.injectFault(store, fault), () => undefined),
      advanceClock: (by) => Effect.sync(() => store.advance(Duration.toMillis(by)))
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
export const layerConfig = (options: Omit<OpenTokConfig.CommonOptions, "baseUrl"> = {}) =>
  Layer.unwrapEffect(Effect.map(Emulator, (emulator) =>
    OpenTokConfig.layer({
      ...options,
      baseUrl: emulator.url,
      ...OpenTokConfig.credentialOptions(emulator.credentials)
    })))

/**
 * An emulator and an `OpenTokConfig` for it, together: everything but the `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithConfig = (options: Options = {}) => layerConfig().pipe(Layer.provideMerge(layer(options)))
