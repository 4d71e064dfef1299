import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as OpenTokError from "../src/OpenTokError.ts"
import * as Retry from "../src/Retry.ts"
import * as Sessions from "../src/Sessions.ts"
import { configAt } from "./support/harness.ts"
import { json, recorder, type Reply } from "./support/recorder.ts"

const created = json(200, [{ session_id: "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-" }])

/** Waits in real time (the test clock stands still) until the server has seen `count` requests. */
const untilRequests = (requests: ReadonlyArray<unknown>, count: number) =>
  Effect.promise(async () => {
    for (let i = 0; i < 400 && requests.length < count; i++) await new Promise((r) => setTimeout(r, 5))
  }).pipe(Effect.andThen(() => assert.strictEqual(requests.length, count)))

/** Lets in-flight I/O settle, so a request that should not happen has had its chance to. */
const settle = Effect.promise(() => new Promise((r) => setTimeout(r, 50)))

const scripted = (replies: ReadonlyArray<Reply>) =>
  recorder((_, index) => replies[Math.min(index, replies.length - 1)]!)

describe("Retry.transient", () => {
  it.scoped("waits as long as Retry-After says, then backs off exponentially when it says nothing", () =>
    Effect.gen(function*() {
      const server = yield* scripted([
        json(429, { message: "slow down" }, { "retry-after": "5" }),
        json(503, { message: "busy" }),
        created
      ])
      const fiber = yield* Sessions.create().pipe(
        Retry.transient({ times: 3, base: Duration.millis(500) }),
        Effect.provide(configAt(server.url)),
        Effect.fork
      )
      yield* untilRequests(server.requests, 1)
      yield* TestClock.adjust(Duration.millis(4_900))
      yield* settle
      assert.strictEqual(server.requests.length, 1, "no retry before Retry-After has passed")
      yield* TestClock.adjust(Duration.millis(100))
      yield* untilRequests(server.requests, 2)

      // The second wait has no Retry-After: the exponential schedule's second step, 1000 ms.
      yield* TestClock.adjust(Duration.millis(999))
      yield* settle
      assert.strictEqual(server.requests.length, 2)
      yield* TestClock.adjust(Duration.millis(1))
      yield* untilRequests(server.requests, 3)
      const session = yield* Fiber.join(fiber)
      assert.strictEqual(session.sessionId, "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-")
    }))

  it.scoped("caps the Retry-After wait at maxDelay", () =>
    Effect.gen(function*() {
      const server = yield* scripted([json(429, {}, { "retry-after": "3600" }), created])
      const fiber = yield* Sessions.create().pipe(
        Retry.transient({ maxDelay: Duration.seconds(2) }),
        Effect.provide(configAt(server.url)),
        Effect.fork
      )
      yield* untilRequests(server.requests, 1)
      yield* TestClock.adjust(Duration.millis(1_900))
      yield* settle
      assert.strictEqual(server.requests.length, 1, "the capped wait is 2 s, not the default back-off")
      yield* TestClock.adjust(Duration.millis(100))
      yield* untilRequests(server.requests, 2)
      yield* Fiber.join(fiber)
    }))

  it.scoped("does not retry what is not transient", () =>
    Effect.gen(function*() {
      const server = yield* scripted([json(400, { message: "bad" }), created])
      const error = yield* Sessions.create().pipe(
        Retry.transient(),
        Effect.provide(configAt(server.url)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "BadRequest")
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("gives up after `times` retries with the last error", () =>
    Effect.gen(function*() {
      const server = yield* scripted([json(503, { message: "down" }, { "retry-after": "1" })])
      const fiber = yield* Sessions.create().pipe(
        Retry.transient({ times: 2 }),
        Effect.provide(configAt(server.url)),
        Effect.flip,
        Effect.fork
      )
      yield* untilRequests(server.requests, 1)
      yield* TestClock.adjust(Duration.seconds(1))
      yield* untilRequests(server.requests, 2)
      yield* TestClock.adjust(Duration.seconds(1))
      yield* untilRequests(server.requests, 3)
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "ServerError")
      yield* TestClock.adjust(Duration.seconds(10))
      yield* settle
      assert.strictEqual(server.requests.length, 3)
    }))

  it("isTransient picks throttling, unavailability and unreachable hosts only", () => {
    const response = { operation: "X.y", status: 0 }
    assert.isTrue(Retry.isTransient(new OpenTokError.RateLimited({ ...response, status: 429 })))
    assert.isTrue(Retry.isTransient(new OpenTokError.ServerError({ ...response, status: 503 })))
    assert.isTrue(Retry.isTransient(new OpenTokError.ServerError({ ...response, status: 502 })))
    assert.isFalse(Retry.isTransient(new OpenTokError.ServerError({ ...response, status: 500 })))
    const transport = { operation: "X.y", url: "u", detail: "d" }
    assert.isTrue(Retry.isTransient(new OpenTokError.TransportError({ ...transport, phase: "request" })))
    assert.isFalse(Retry.isTransient(new OpenTokError.TransportError({ ...transport, phase: "response" })))
    assert.isFalse(Retry.isTransient(new OpenTokError.RequestTimeout({ operation: "X.y", timeoutMillis: 1 })))
    assert.isFalse(Retry.isTransient(new OpenTokError.AuthenticationFailed({ ...response, status: 403 })))
    assert.isFalse(Retry.isTransient(new Error("plain")))
    assert.isFalse(Retry.isTransient({ _tag: "RateLimited" }), "look-alikes without the type id are not ours")
  })
})
