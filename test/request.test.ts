import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { decodeProtectedHeader } from "jose"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import packageJson from "../package.json" with { type: "json" }
import * as Emulator from "../src/Emulator.ts"
import { sdkVersion } from "../src/internal/version.ts"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"
import * as Sessions from "../src/Sessions.ts"
import {
  applicationId,
  configAt,
  credentials,
  emulatorLayer,
  kind,
  requestsDuring,
  vectorKey,
  vectorSecret,
  verifiedAuth,
  wrongCredentials
} from "./support/harness.ts"
import { closedPort, json, recorder } from "./support/recorder.ts"
import { withRecordedSpans } from "./support/tracer.ts"

layer(emulatorLayer({ userAgentSuffix: "MyApp/1.0" }), { excludeTestServices: true })("every request", (it) => {
  it.effect(`carries the ${kind} auth JWT the platform accepts, with the documented claims`, () =>
    Effect.gen(function*() {
      const { requests } = yield* requestsDuring(Sessions.create())
      const { payload, protectedHeader, token } = yield* verifiedAuth(requests[0]!.headers)
      if (kind === "apiKey") {
        assert.deepStrictEqual(decodeProtectedHeader(token), { alg: "HS256", typ: "JWT" })
        assert.deepStrictEqual(Object.keys(payload), ["iss", "ist", "iat", "exp", "jti"])
        assert.strictEqual(payload.iss, vectorKey)
        assert.strictEqual(payload.ist, "project")
        assert.isUndefined(requests[0]!.headers["authorization"])
      } else {
        assert.deepStrictEqual(protectedHeader, { alg: "RS256", typ: "JWT" })
        assert.deepStrictEqual(Object.keys(payload), ["application_id", "iat", "exp", "jti"])
        assert.strictEqual(payload.application_id, applicationId)
        assert.isUndefined(requests[0]!.headers["x-opentok-auth"])
      }
      assert.match(String(payload.jti), /^[0-9a-f-]{36}$/)
      const now = Math.floor(Date.now() / 1000)
      assert.isAtMost(Math.abs(payload.iat! - now), 61)
      assert.strictEqual(payload.exp! - payload.iat!, 180)
    }))

  it.effect("R26: sends Accept JSON and a user agent ending with the configured suffix", () =>
    Effect.gen(function*() {
      const { requests } = yield* requestsDuring(Effect.all([Sessions.create(), Sessions.create()]))
      assert.strictEqual(requests.length, 2)
      for (const request of requests) {
        assert.strictEqual(request.headers["accept"], "application/json")
        assert.strictEqual(
          request.headers["user-agent"],
          `effect-opentok/${sdkVersion} node/${process.versions.node} MyApp/1.0`
        )
      }
    }))

  it.effect("names a span for the operation and keeps the auth header's value out of every span", () =>
    Effect.gen(function*() {
      const { result, spans } = yield* withRecordedSpans(requestsDuring(Sessions.create()))
      const sent = Either.getOrThrow(result).requests
      const { token } = yield* verifiedAuth(sent[0]!.headers)
      const operation = spans.find((span) => span.name === "Sessions.create")
      assert.isDefined(operation)
      const client = spans.find((span) => span.name.startsWith("http.client"))
      assert.isDefined(client, "the HttpClient's own span is recorded")
      const authHeader = kind === "apiKey" ? "x-opentok-auth" : "authorization"
      assert.strictEqual(client!.attributes.get(`http.request.header.${authHeader}`), "<redacted>")
      for (const span of spans) {
        for (const [, value] of span.attributes) assert.notInclude(String(value), token)
      }
    }))
})

const errorOf = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(effect)

describe("failures become tagged errors", () => {
  it.effect("the package version matches the user agent's", () =>
    Effect.sync(() => assert.strictEqual(sdkVersion, packageJson.version)))

  it.scopedLive(`the emulator refuses a ${kind} JWT signed with the wrong key, with its platform body`, () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.make(credentials)
      const error = yield* errorOf(Sessions.create().pipe(Effect.provide(configAt(emulator.url, {}, wrongCredentials))))
      assert.strictEqual(error._tag, "AuthenticationFailed")
      if (error._tag === "AuthenticationFailed") {
        assert.strictEqual(error.status, kind === "apiKey" ? 403 : 401)
        assert.strictEqual(error.platformMessage, "Invalid signature")
        assert.strictEqual(error.operation, "Sessions.create")
      }
    }))

  it.scopedLive("403 from the emulator for another project's key", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.make({ apiKey: vectorKey, apiSecret: vectorSecret })
      const otherKey = Layer.merge(
        OpenTokConfig.layer({ apiKey: "11112222", apiSecret: vectorSecret, baseUrl: emulator.url }),
        FetchHttpClient.layer
      )
      const error = yield* errorOf(Sessions.create().pipe(Effect.provide(otherKey)))
      assert.strictEqual(error._tag === "AuthenticationFailed" && error.platformMessage, "Issuer not found")
    }))

  it.scopedLive("R20: a server that never answers fails with RequestTimeout after the configured time", () =>
    Effect.gen(function*() {
      const server = yield* recorder(() => "hang")
      const started = Date.now()
      const error = yield* errorOf(
        Sessions.create().pipe(Effect.provide(configAt(server.url, { timeout: Duration.millis(300) })))
      )
      const elapsed = Date.now() - started
      assert.strictEqual(error._tag, "RequestTimeout")
      if (error._tag === "RequestTimeout") {
        assert.strictEqual(error.timeoutMillis, 300)
        assert.strictEqual(error.operation, "Sessions.create")
      }
      assert.isAtLeast(elapsed, 290)
      assert.isBelow(elapsed, 2000)
      assert.strictEqual(server.requests.length, 1, "the request did reach the server")
    }))

  it.scopedLive("R20: a body that stalls after the headers also times out", () =>
    Effect.gen(function*() {
      const server = createServer((req, res) => {
        req.resume()
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" })
        res.write("[")
      })
      yield* Effect.acquireRelease(
        Effect.promise(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
        () =>
          Effect.promise(() =>
            new Promise<void>((resolve) => {
              server.closeAllConnections()
              server.close(() => resolve())
            })
          )
      )
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const error = yield* errorOf(Sessions.create().pipe(Effect.provide(configAt(url, { timeout: "300 millis" }))))
      assert.strictEqual(error._tag, "RequestTimeout")
    }))

  it.effect("R27: a refused connection is a TransportError, not a defect", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const exit = yield* Effect.exit(Sessions.create().pipe(Effect.provide(configAt(`http://127.0.0.1:${port}`))))
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Fail", `expected a typed failure: ${exit}`)
      const error = exit._tag === "Failure" && exit.cause._tag === "Fail" ? exit.cause.error : undefined
      assert.strictEqual(error?._tag, "TransportError")
      if (error?._tag === "TransportError") {
        assert.strictEqual(error.phase, "request")
        assert.strictEqual(error.url, `http://127.0.0.1:${port}/session/create`)
        assert.include(error.detail, "ECONNREFUSED")
      }
    }))

  const statuses: ReadonlyArray<[number, string]> = [
    [400, "BadRequest"],
    [401, "AuthenticationFailed"],
    [403, "AuthenticationFailed"],
    [404, "UnexpectedResponse"],
    [413, "BadRequest"],
    [429, "RateLimited"],
    [500, "ServerError"],
    [503, "ServerError"]
  ]
  for (const [status, tag] of statuses) {
    it.scopedLive(`HTTP ${status} is ${tag}, with the code, message and request id`, () =>
      Effect.gen(function*() {
        const server = yield* recorder(() =>
          json(status, { code: 9000 + status, message: `said ${status}` }, { "x-request-id": `rq-${status}` })
        )
        const error = yield* errorOf(Sessions.create().pipe(Effect.provide(configAt(server.url))))
        assert.strictEqual(error._tag, tag)
        assert.strictEqual((error as { status?: number }).status, status)
        assert.strictEqual((error as { requestId?: string }).requestId, `rq-${status}`)
        if (error._tag === "UnexpectedResponse") {
          assert.strictEqual(error.detail, `said ${status}`)
        } else {
          assert.strictEqual((error as { code?: number }).code, 9000 + status)
          assert.strictEqual((error as { platformMessage?: string }).platformMessage, `said ${status}`)
        }
        assert.include(error.message, "Sessions.create")
      }))
  }

  it.scopedLive("Retry-After is read as seconds and as an HTTP date", () =>
    Effect.gen(function*() {
      const inSeconds = yield* recorder(() => json(429, { message: "slow down" }, { "retry-after": "7" }))
      const limited = yield* errorOf(Sessions.create().pipe(Effect.provide(configAt(inSeconds.url))))
      assert.isTrue(limited._tag === "RateLimited")
      if (limited._tag === "RateLimited") assert.deepStrictEqual(limited.retryAfter, Option.some(Duration.seconds(7)))

      const at = new Date(Date.now() + 120_000).toUTCString()
      const asDate = yield* recorder(() => json(503, { message: "maintenance" }, { "retry-after": at }))
      const down = yield* errorOf(Sessions.create().pipe(Effect.provide(configAt(asDate.url))))
      assert.isTrue(down._tag === "ServerError")
      if (down._tag === "ServerError") {
        const millis = Duration.toMillis(Option.getOrThrow(down.retryAfter))
        assert.isAbove(millis, 110_000)
        assert.isAtMost(millis, 120_000)
      }
    }))
})
