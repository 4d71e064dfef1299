// Input and answers a careless caller or a broken server could produce: each must be a typed
// failure (never a defect), and invalid input must send nothing.
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"
import * as Retry from "../src/Retry.ts"
import * as Sessions from "../src/Sessions.ts"
import * as Tokens from "../src/Tokens.ts"
import { configAt, vectorKey, vectorSecret } from "./support/harness.ts"
import { json, recorder } from "./support/recorder.ts"

const session = "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-"
const tokenConfig = OpenTokConfig.layer({ apiKey: vectorKey, apiSecret: vectorSecret })

/** Fails the test unless `effect` fails with a typed error of `tag`. */
const failsWith = <A, E extends { _tag: string }, R>(effect: Effect.Effect<A, E, R>, tag: string) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(effect)
    assert.isTrue(Exit.isFailure(exit) && exit.cause._tag === "Fail", `expected a typed failure, got ${String(exit)}`)
    if (Exit.isFailure(exit) && exit.cause._tag === "Fail") assert.strictEqual(exit.cause.error._tag, tag)
  })

describe("hostile input", () => {
  const badOptions: ReadonlyArray<[string, unknown]> = [
    ["null options", null],
    ["a string as options", "routed"],
    ["a bigint media mode", { mediaMode: 1n }],
    [
      "a circular option",
      (() => {
        const o: Record<string, unknown> = {}
        o.mediaMode = o
        return o
      })()
    ]
  ]
  for (const [name, options] of badOptions) {
    it.scopedLive(`Sessions.create refuses ${name} without sending`, () =>
      Effect.gen(function*() {
        const server = yield* recorder(() => json(200, []))
        yield* failsWith(
          Effect.suspend(() => Sessions.create(options as Sessions.CreateOptions)).pipe(
            Effect.provide(configAt(server.url))
          ),
          "InvalidOption"
        )
        assert.strictEqual(server.requests.length, 0)
      }))
  }

  const badTokens: ReadonlyArray<[string, unknown]> = [
    ["null options", null],
    ["a null role", { role: null }],
    ["a bigint role", { role: 1n }],
    ["an expiry object without a prototype", { expireTime: Object.create(null) }],
    ["a sparse class list", { initialLayoutClassList: [, "a"] }],
    ["a class list of holes", { initialLayoutClassList: new Array(3) }]
  ]
  for (const [name, options] of badTokens) {
    it.effect(`Tokens.generate refuses ${name}`, () =>
      failsWith(
        Effect.suspend(() => Tokens.generate(session, options as Tokens.GenerateOptions)).pipe(
          Effect.provide(tokenConfig)
        ),
        "InvalidOption"
      ))
  }

  const badConfigs: ReadonlyArray<[string, Record<string, unknown>, string]> = [
    ["a numeric API key", { apiKey: 123 }, "apiKey"],
    ["an API key with '&'", { apiKey: "123&sig=x" }, "apiKey"],
    ["a secret that is not a string", { apiSecret: Redacted.make(123) }, "apiSecret"],
    ["a base URL with a query", { baseUrl: "http://127.0.0.1:1/v2?x=1" }, "baseUrl"],
    ["a base URL with a fragment", { baseUrl: "http://127.0.0.1:1/#f" }, "baseUrl"],
    ["a non-ASCII user-agent suffix", { userAgentSuffix: "Ünï" }, "userAgentSuffix"],
    ["a user-agent suffix with a NUL", { userAgentSuffix: "a\u0000b" }, "userAgentSuffix"]
  ]
  for (const [name, override, path] of badConfigs) {
    it.effect(`OpenTokConfig.make refuses ${name}`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          OpenTokConfig.make({ apiKey: vectorKey, apiSecret: vectorSecret, ...override } as OpenTokConfig.Options)
        )
        assert.include(String(error), path)
      }))
  }

  it.effect("a URL with a password in it is refused without echoing it", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        OpenTokConfig.make({ apiKey: vectorKey, apiSecret: vectorSecret, baseUrl: "https://k:topsecret@ x" })
      )
      assert.notInclude(String(error), "topsecret")
    }))

  it.effect("a padded base URL is trimmed, not stored with its spaces", () =>
    Effect.gen(function*() {
      const config = yield* OpenTokConfig.make({
        apiKey: vectorKey,
        apiSecret: vectorSecret,
        baseUrl: " http://127.0.0.1:4010/base/ "
      })
      assert.strictEqual(config.baseUrl, "http://127.0.0.1:4010/base")
    }))
})

describe("hostile servers", () => {
  it.scopedLive("a redirect is not followed: the auth header stays home", () =>
    Effect.gen(function*() {
      const elsewhere = yield* recorder(() => json(200, [{ session_id: session }]))
      const redirecting = yield* recorder(() => ({
        status: 302,
        headers: { location: `${elsewhere.url.replace("127.0.0.1", "localhost")}/steal` }
      }))
      const error = yield* Effect.flip(Sessions.create().pipe(Effect.provide(configAt(redirecting.url))))
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(elsewhere.requests.length, 0)
    }))

  it.scopedLive("huge error messages are clipped", () =>
    Effect.gen(function*() {
      const server = yield* recorder(() => json(500, { message: "m".repeat(1_000_000) }))
      const error = yield* Effect.flip(Sessions.create().pipe(Effect.provide(configAt(server.url))))
      assert.strictEqual(error._tag, "ServerError")
      assert.isBelow(error.message.length, 1000)
    }))

  it.scopedLive("an answer that breaks off mid-body is a response-phase TransportError, not retried", () =>
    Effect.gen(function*() {
      let requests = 0
      const server = createServer((req, res) => {
        requests++
        req.resume()
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        res.write("[{\"session_id\":")
        setTimeout(() => res.destroy(), 20)
      })
      yield* Effect.acquireRelease(
        Effect.promise(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
        () => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
      )
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const error = yield* Effect.flip(
        Sessions.create().pipe(Retry.transient({ times: 3 }), Effect.provide(configAt(url)))
      )
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") assert.strictEqual(error.phase, "response")
      assert.strictEqual(requests, 1)
    }))
})
