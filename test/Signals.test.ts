import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Sessions from "../src/Sessions.ts"
import * as Signals from "../src/Signals.ts"
import { liveSession } from "./support/archives.ts"
import { emulatorLayer, projectId, requestsDuring } from "./support/harness.ts"

layer(emulatorLayer(), { excludeTestServices: true })("Signals.send against the emulator", (it) => {
  it.effect("signals the whole session with type and data", () =>
    Effect.gen(function*() {
      const { sessionId } = yield* liveSession()
      const { requests, result } = yield* requestsDuring(Signals.send(sessionId, { type: "chat", data: "hi" }))
      assert.isTrue(Either.isRight(result))
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(requests[0]!.url, `/v2/project/${projectId}/session/${sessionId}/signal`)
      assert.deepStrictEqual(JSON.parse(requests[0]!.body), { type: "chat", data: "hi" })
    }))

  it.effect("signals one connection, without a type when none is given", () =>
    Effect.gen(function*() {
      const { connectionId, sessionId } = yield* liveSession()
      const { requests } = yield* requestsDuring(Signals.send(sessionId, { data: "only you" }, { connectionId }))
      assert.strictEqual(
        requests[0]!.url,
        `/v2/project/${projectId}/session/${sessionId}/connection/${connectionId}/signal`
      )
      assert.deepStrictEqual(JSON.parse(requests[0]!.body), { data: "only you" })
    }))

  it.effect("NoClientsConnected for an empty session, ConnectionNotFound for an unknown connection", () =>
    Effect.gen(function*() {
      const empty = yield* Sessions.create()
      const nobody = yield* Effect.flip(Signals.send(empty.sessionId, { data: "x" }))
      assert.strictEqual(nobody._tag, "NoClientsConnected")
      const { sessionId } = yield* liveSession()
      const stranger = yield* Effect.flip(Signals.send(sessionId, { data: "x" }, { connectionId: "cn-none" }))
      assert.strictEqual(stranger._tag, "ConnectionNotFound")
      assert.strictEqual(stranger._tag === "ConnectionNotFound" && stranger.connectionId, "cn-none")
    }))

  const refusals: ReadonlyArray<[string, string, Signals.Signal, Signals.SendOptions, string]> = [
    ["an empty session id", "", { data: "x" }, {}, "sessionId"],
    ["no data", "s", { type: "t" } as Signals.Signal, {}, "data"],
    ["data over 8 kB", "s", { data: "é".repeat(4097) }, {}, "data"],
    ["a type over 128 bytes", "s", { type: "t".repeat(129), data: "x" }, {}, "type"],
    ["an empty connection id", "s", { data: "x" }, { connectionId: "" }, "connectionId"]
  ]
  for (const [name, sessionId, signal, options, option] of refusals) {
    it.effect(`refuses ${name} before sending`, () =>
      Effect.gen(function*() {
        const { requests, result } = yield* requestsDuring(Signals.send(sessionId, signal, options))
        assert.strictEqual(requests.length, 0)
        const error = Either.getLeft(result).pipe(Option.getOrThrow)
        assert.strictEqual(error._tag === "InvalidOption" && error.option, option)
      }))
  }
})
