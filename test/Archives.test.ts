import type * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Archives from "../src/Archives.ts"
import * as Emulator from "../src/Emulator.ts"
import type { OpenTokConfig } from "../src/OpenTokConfig.ts"
import type * as OpenTokError from "../src/OpenTokError.ts"
import * as Sessions from "../src/Sessions.ts"
import { liveSession } from "./support/archives.ts"
import { configAt, emulatorLayer, kind, projectId, requestsDuring, wrongCredentials } from "./support/harness.ts"
import { closedPort, recorder } from "./support/recorder.ts"

const project = `/v2/project/${projectId}`

/** Runs `effect`, and returns its result with the one request it sent. */
const sentOnce = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const { requests, result } = yield* requestsDuring(effect)
    assert.strictEqual(requests.length, 1, "exactly one request")
    return { request: requests[0]!, result }
  })

const started = (options: Archives.StartOptions = {}) =>
  Effect.gen(function*() {
    const live = yield* liveSession()
    const { request, result } = yield* sentOnce(Archives.start(live.sessionId, options))
    const archive = Either.getOrThrowWith(result, (e) => new Error(`start failed: ${e.message}`))
    return { ...live, archive, request, body: JSON.parse(request.body) as Record<string, unknown> }
  })

type Operation = Effect.Effect<unknown, OpenTokError.OpenTokError, OpenTokConfig | HttpClient.HttpClient>

const errorTag = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (error) => error._tag)

layer(emulatorLayer(), { excludeTestServices: true })("Archives against the emulator", (it) => {
  it.effect("start sends just the session id by default and decodes a started archive", () =>
    Effect.gen(function*() {
      const { archive, body, request, sessionId } = yield* started()
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.url, `${project}/archive`)
      assert.strictEqual(request.headers["content-type"], "application/json")
      assert.deepStrictEqual(body, { sessionId })
      assert.strictEqual(archive.status, "started")
      assert.strictEqual(archive.sessionId, sessionId)
      assert.strictEqual(archive.outputMode, "composed")
      assert.isNull(archive.name)
      if (kind === "apiKey") assert.strictEqual(archive.projectId, Number(projectId))
      else assert.strictEqual(archive.applicationId, projectId)
    }))

  it.effect("R02: hasAudio false is in the body", () =>
    Effect.gen(function*() {
      const { archive, body, sessionId } = yield* started({ hasAudio: false })
      assert.deepStrictEqual(body, { sessionId, hasAudio: false })
      assert.isFalse(archive.hasAudio)
    }))

  it.effect("R03: manual stream mode is in the body", () =>
    Effect.gen(function*() {
      const { archive, body, sessionId } = yield* started({ streamMode: "manual" })
      assert.deepStrictEqual(body, { sessionId, streamMode: "manual" })
      assert.strictEqual(archive.streamMode, "manual")
      assert.deepStrictEqual(archive.streams, [])
    }))

  it.effect("sends every composed start option exactly", () =>
    Effect.gen(function*() {
      const { archive, body, sessionId } = yield* started({
        name: "standup",
        hasAudio: true,
        hasVideo: true,
        outputMode: "composed",
        resolution: "1920x1080",
        layout: { type: "bestFit", screenshareType: "horizontalPresentation" },
        streamMode: "auto",
        multiArchiveTag: "tag-1",
        maxBitrate: 2_000_000,
        hasTranscription: true,
        transcriptionProperties: { primaryLanguageCode: "en-US", hasSummary: true }
      })
      // Written out again on purpose: the wire body is the contract, not a copy of the options.
      assert.deepStrictEqual(body, {
        sessionId,
        name: "standup",
        hasAudio: true,
        hasVideo: true,
        outputMode: "composed",
        resolution: "1920x1080",
        layout: { type: "bestFit", screenshareType: "horizontalPresentation" },
        streamMode: "auto",
        multiArchiveTag: "tag-1",
        maxBitrate: 2_000_000,
        hasTranscription: true,
        transcriptionProperties: { primaryLanguageCode: "en-US", hasSummary: true }
      })
      assert.strictEqual(archive.name, "standup")
      assert.strictEqual(archive.resolution, "1920x1080")
      assert.strictEqual(archive.multiArchiveTag, "tag-1")
      assert.strictEqual(archive.maxBitrate, 2_000_000)
      assert.isTrue(archive.hasTranscription)
    }))

  it.effect("sends a custom layout's stylesheet inside the layout, and the quantization parameter", () =>
    Effect.gen(function*() {
      const { archive, body, sessionId } = yield* started({
        layout: { type: "custom", stylesheet: "stream.focus { width: 100%; }" },
        quantizationParameter: 28,
        hasVideo: false
      })
      assert.deepStrictEqual(body, {
        sessionId,
        hasVideo: false,
        layout: { type: "custom", stylesheet: "stream.focus { width: 100%; }" },
        quantizationParameter: 28
      })
      assert.strictEqual(archive.quantizationParameter, 28)
    }))

  it.effect("individual output has no resolution", () =>
    Effect.gen(function*() {
      const { archive, body, sessionId } = yield* started({ outputMode: "individual" })
      assert.deepStrictEqual(body, { sessionId, outputMode: "individual" })
      assert.strictEqual(archive.outputMode, "individual")
      assert.isUndefined(archive.resolution)
    }))

  it.effect("goes started → stopped → available on the emulator's clock, then is listed and deleted", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { archive, sessionId } = yield* started({ name: "lifecycle" })

      const { request: stopRequest, result: stopResult } = yield* sentOnce(Archives.stop(archive.id))
      assert.strictEqual(stopRequest.url, `${project}/archive/${archive.id}/stop`)
      const stopped = Either.getOrThrow(stopResult)
      assert.strictEqual(stopped.status, "stopped")
      assert.strictEqual(stopped.reason, "user initiated")
      assert.isNull(stopped.url)

      // Processing takes 5 s of emulator time; the margins absorb the wall time the test itself takes.
      yield* emulator.advanceClock(Duration.millis(4_000))
      assert.strictEqual((yield* Archives.get(archive.id)).status, "stopped")
      yield* emulator.advanceClock(Duration.millis(1_000))
      const available = yield* Archives.get(archive.id)
      assert.strictEqual(available.status, "available")
      assert.isTrue(available.isAvailable)
      assert.match(available.url ?? "", /^https:\/\//)
      assert.isAbove(available.size ?? 0, 0)

      const page = yield* Archives.list({ sessionId })
      assert.strictEqual(page.count, 1)
      assert.strictEqual(page.items[0]!.id, archive.id)

      const { request: deleteRequest, result: deleted } = yield* sentOnce(Archives.delete(archive.id))
      assert.strictEqual(deleteRequest.method, "DELETE")
      assert.strictEqual(deleteRequest.url, `${project}/archive/${archive.id}`)
      assert.isTrue(Either.isRight(deleted))
      assert.strictEqual((yield* Archives.get(archive.id)).status, "deleted")
    }))

  it.effect("archive mode always starts an archive with the session's name and resolution on first connect", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const session = yield* Sessions.create({
        mediaMode: "routed",
        archiveMode: "always",
        archiveName: "auto-recorded",
        archiveResolution: "1280x720"
      })
      assert.strictEqual((yield* Archives.list({ sessionId: session.sessionId })).count, 0)
      yield* emulator.connect(session.sessionId)
      const first = yield* Archives.list({ sessionId: session.sessionId })
      assert.strictEqual(first.count, 1, "the first client to connect starts it")
      yield* emulator.connect(session.sessionId)
      const page = yield* Archives.list({ sessionId: session.sessionId })
      assert.strictEqual(page.count, 1, "later clients start no other")
      const archive = page.items[0]!
      assert.strictEqual(archive.id, first.items[0]!.id)
      assert.strictEqual(archive.status, "started")
      assert.strictEqual(archive.name, "auto-recorded")
      assert.strictEqual(archive.resolution, "1280x720")
    }))

  it.effect("R21: list sends sessionId, offset 0 and count 10", () =>
    Effect.gen(function*() {
      const { sessionId } = yield* started()
      const { request, result } = yield* sentOnce(Archives.list({ sessionId, offset: 0, count: 10 }))
      const url = new URL(request.url, "http://x")
      assert.strictEqual(url.pathname, `${project}/archive`)
      assert.deepStrictEqual(Object.fromEntries(url.searchParams), { sessionId, offset: "0", count: "10" })
      assert.strictEqual(Either.getOrThrow(result).count, 1)
    }))

  it.effect("list sends count 0, and answers the total with no items", () =>
    Effect.gen(function*() {
      const { sessionId } = yield* started()
      const { request, result } = yield* sentOnce(Archives.list({ sessionId, count: 0 }))
      assert.strictEqual(new URL(request.url, "http://x").searchParams.get("count"), "0")
      const page = Either.getOrThrow(result)
      assert.strictEqual(page.count, 1)
      assert.deepStrictEqual(page.items, [])
    }))

  it.effect("list pages most recent first, and `all` streams every page", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { sessionId } = yield* liveSession()
      const ids: Array<string> = []
      for (let i = 0; i < 5; i++) {
        const archive = yield* Archives.start(sessionId, { multiArchiveTag: `t${i}` })
        ids.push(archive.id)
        yield* emulator.advanceClock(Duration.millis(10))
      }
      const second = yield* Archives.list({ sessionId, offset: 1, count: 2 })
      assert.strictEqual(second.count, 5)
      assert.deepStrictEqual(second.items.map((a) => a.id), [ids[3], ids[2]])

      const { requests, result } = yield* requestsDuring(
        Stream.runCollect(Archives.all({ sessionId, pageSize: 2 }))
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(Either.getOrThrow(result)).map((a) => a.id), [...ids].reverse())
      assert.strictEqual(requests.length, 3, "pages of 2, 2 and 1")
    }))

  it.effect("addStream and removeStream patch a manual archive's streams", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { archive, connectionId, sessionId, streamId } = yield* started({ streamMode: "manual" })
      const screen = yield* emulator.publish(sessionId, connectionId, { videoType: "screen" })

      const { request: add } = yield* sentOnce(Archives.addStream(archive.id, streamId, { hasVideo: false }))
      assert.strictEqual(add.method, "PATCH")
      assert.strictEqual(add.url, `${project}/archive/${archive.id}/streams`)
      assert.deepStrictEqual(JSON.parse(add.body), { addStream: streamId, hasVideo: false })
      yield* Archives.addStream(archive.id, screen)
      assert.deepStrictEqual(
        (yield* Archives.get(archive.id)).streams?.map((s) => ({ ...s })),
        [{ streamId, hasAudio: true, hasVideo: false }, { streamId: screen, hasAudio: true, hasVideo: true }]
      )

      const { request: remove } = yield* sentOnce(Archives.removeStream(archive.id, streamId))
      assert.deepStrictEqual(JSON.parse(remove.body), { removeStream: streamId })
      assert.deepStrictEqual((yield* Archives.get(archive.id)).streams?.map((s) => s.streamId), [screen])
    }))

  it.effect("setLayout puts the layout", () =>
    Effect.gen(function*() {
      const { archive } = yield* started()
      const { request, result } = yield* sentOnce(Archives.setLayout(archive.id, { type: "custom", stylesheet: "x{}" }))
      assert.isTrue(Either.isRight(result))
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.url, `${project}/archive/${archive.id}/layout`)
      assert.deepStrictEqual(JSON.parse(request.body), { type: "custom", stylesheet: "x{}" })
    }))

  describe("typed outcomes the emulator produces", () => {
    const unknown = "00000000-0000-4000-8000-000000000000"

    it.effect("ArchiveNotFound from get, stop, delete, setLayout and addStream", () =>
      Effect.gen(function*() {
        assert.strictEqual(yield* errorTag(Archives.get(unknown)), "ArchiveNotFound")
        assert.strictEqual(yield* errorTag(Archives.stop(unknown)), "ArchiveNotFound")
        assert.strictEqual(yield* errorTag(Archives.delete(unknown)), "ArchiveNotFound")
        assert.strictEqual(yield* errorTag(Archives.setLayout(unknown, { type: "pip" })), "ArchiveNotFound")
        assert.strictEqual(yield* errorTag(Archives.addStream(unknown, "s")), "ArchiveNotFound")
        const error = yield* Effect.flip(Archives.get(unknown))
        assert.strictEqual(error._tag === "ArchiveNotFound" && error.archiveId, unknown)
        assert.strictEqual(error._tag === "ArchiveNotFound" && error.status, 404)
      }))

    it.effect("SessionNotRouted (409, code 15008) for a relayed session", () =>
      Effect.gen(function*() {
        const live = yield* liveSession({ mediaMode: "relayed" })
        const error = yield* Effect.flip(Archives.start(live.sessionId))
        assert.strictEqual(error._tag, "SessionNotRouted")
        if (error._tag === "SessionNotRouted") {
          assert.strictEqual(error.code, 15008)
          assert.strictEqual(error.sessionId, live.sessionId)
        }
      }))

    it.effect("NoClientsConnected for a routed session nobody joined", () =>
      Effect.gen(function*() {
        const { sessionId } = yield* Sessions.create({ mediaMode: "routed" })
        assert.strictEqual(yield* errorTag(Archives.start(sessionId)), "NoClientsConnected")
      }))

    it.effect("SessionNotFound for a session the project never created", () =>
      Effect.gen(function*() {
        const { sessionId } = yield* Sessions.create({ mediaMode: "routed" })
        const stranger = sessionId.slice(0, -4) + (sessionId.endsWith("AAAA") ? "BBBB" : "AAAA")
        assert.strictEqual(yield* errorTag(Archives.start(stranger)), "SessionNotFound")
      }))

    it.effect("AlreadyRecording for a second archive with the same tag; distinct tags may run together", () =>
      Effect.gen(function*() {
        const { sessionId } = yield* started()
        assert.strictEqual(yield* errorTag(Archives.start(sessionId)), "AlreadyRecording")
        const tagged = yield* Archives.start(sessionId, { multiArchiveTag: "second" })
        assert.strictEqual(tagged.status, "started")
      }))

    it.effect("ArchiveNotRecording (15002) when stopping twice", () =>
      Effect.gen(function*() {
        const { archive } = yield* started()
        yield* Archives.stop(archive.id)
        const error = yield* Effect.flip(Archives.stop(archive.id))
        assert.strictEqual(error._tag, "ArchiveNotRecording")
        assert.strictEqual(error._tag === "ArchiveNotRecording" && error.code, 15002)
      }))

    it.effect("ArchiveNotDeletable (15004) while recording or processing", () =>
      Effect.gen(function*() {
        const { archive } = yield* started()
        const error = yield* Effect.flip(Archives.delete(archive.id))
        assert.strictEqual(error._tag, "ArchiveNotDeletable")
        assert.strictEqual(error._tag === "ArchiveNotDeletable" && error.code, 15004)
        yield* Archives.stop(archive.id)
        assert.strictEqual(yield* errorTag(Archives.delete(archive.id)), "ArchiveNotDeletable")
      }))

    it.effect("ManualStreamModeRequired (405) when changing streams of an auto archive", () =>
      Effect.gen(function*() {
        const { archive, streamId } = yield* started()
        assert.strictEqual(yield* errorTag(Archives.addStream(archive.id, streamId)), "ManualStreamModeRequired")
        assert.strictEqual(yield* errorTag(Archives.removeStream(archive.id, streamId)), "ManualStreamModeRequired")
      }))

    it.effect("StreamNotFound for a stream the session does not have", () =>
      Effect.gen(function*() {
        const { archive } = yield* started({ streamMode: "manual" })
        const error = yield* Effect.flip(Archives.addStream(archive.id, "no-such-stream"))
        assert.strictEqual(error._tag, "StreamNotFound")
        assert.strictEqual(error._tag === "StreamNotFound" && error.streamId, "no-such-stream")
      }))

    it.effect("ArchiveNotRecording when changing the streams of a stopped archive", () =>
      Effect.gen(function*() {
        const { archive, streamId } = yield* started({ streamMode: "manual" })
        yield* Archives.stop(archive.id)
        assert.strictEqual(yield* errorTag(Archives.addStream(archive.id, streamId)), "ArchiveNotRecording")
      }))
  })

  describe("validation before sending", () => {
    const session = "2_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5hYmN-fn4"
    const startRefusals: ReadonlyArray<[string, Archives.StartOptions, string, string?]> = [
      [
        "a resolution with individual output",
        { outputMode: "individual", resolution: "1280x720" },
        "InvalidResolution"
      ],
      ["an unknown resolution", { resolution: "800x600" as Sessions.Resolution }, "InvalidResolution"],
      [
        "a stylesheet without custom",
        { layout: { type: "bestFit", stylesheet: "x{}" } },
        "InvalidOption",
        "layout.stylesheet"
      ],
      ["custom without a stylesheet", { layout: { type: "custom" } }, "InvalidOption", "layout.stylesheet"],
      [
        "screenshareType without bestFit",
        { layout: { type: "pip", screenshareType: "pip" } },
        "InvalidOption",
        "layout.screenshareType"
      ],
      ["an unknown layout type", { layout: { type: "grid" as "pip" } }, "InvalidOption", "layout.type"],
      [
        "a layout with individual output",
        { outputMode: "individual", layout: { type: "pip" } },
        "InvalidOption",
        "layout"
      ],
      ["maxBitrate below 100000", { maxBitrate: 99_999 }, "InvalidOption", "maxBitrate"],
      ["maxBitrate above 6000000", { maxBitrate: 6_000_001 }, "InvalidOption", "maxBitrate"],
      ["a fractional maxBitrate", { maxBitrate: 150_000.5 }, "InvalidOption", "maxBitrate"],
      ["quantizationParameter below 15", { quantizationParameter: 14 }, "InvalidOption", "quantizationParameter"],
      ["quantizationParameter above 40", { quantizationParameter: 41 }, "InvalidOption", "quantizationParameter"],
      [
        "quantizationParameter with maxBitrate",
        { quantizationParameter: 20, maxBitrate: 200_000 },
        "InvalidOption",
        "quantizationParameter"
      ],
      ["hasAudio and hasVideo both false", { hasAudio: false, hasVideo: false }, "InvalidOption", "hasAudio"],
      ["an unknown output mode", { outputMode: "mixed" as "composed" }, "InvalidOption", "outputMode"],
      ["an unknown stream mode", { streamMode: "some" as "auto" }, "InvalidOption", "streamMode"],
      ["an empty multiArchiveTag", { multiArchiveTag: "" }, "InvalidOption", "multiArchiveTag"],
      ["hasAudio that is not a boolean", { hasAudio: "yes" as unknown as boolean }, "InvalidOption", "hasAudio"],
      ["a name that is not a string", { name: 7 as unknown as string }, "InvalidOption", "name"],
      [
        "an unknown screenshare type",
        { layout: { type: "bestFit", screenshareType: "grid" as "pip" } },
        "InvalidOption",
        "layout.screenshareType"
      ],
      ["null options", null as unknown as Archives.StartOptions, "InvalidOption", "options"],
      [
        "null transcription properties",
        { hasTranscription: true, transcriptionProperties: null as unknown as Archives.TranscriptionProperties },
        "InvalidOption",
        "transcriptionProperties"
      ],
      [
        "transcription properties without transcription",
        { transcriptionProperties: { hasSummary: true } },
        "InvalidOption",
        "transcriptionProperties"
      ],
      [
        "a language code that is not BCP-47",
        { hasTranscription: true, transcriptionProperties: { primaryLanguageCode: "english!" } },
        "InvalidOption",
        "transcriptionProperties.primaryLanguageCode"
      ]
    ]
    for (const [name, options, tag, option] of startRefusals) {
      it.effect(`start refuses ${name}`, () =>
        Effect.gen(function*() {
          const { requests, result } = yield* requestsDuring(Archives.start(session, options))
          assert.strictEqual(requests.length, 0)
          const error = Either.getLeft(result).pipe(Option.getOrThrow)
          assert.strictEqual(error._tag, tag)
          if (option !== undefined) assert.strictEqual(error._tag === "InvalidOption" && error.option, option)
        }))
    }

    const otherRefusals: ReadonlyArray<[string, Operation, string]> = [
      ["start with an empty session id", Archives.start(""), "sessionId"],
      ["stop with an empty id", Archives.stop(""), "archiveId"],
      ["get with an empty id", Archives.get(""), "archiveId"],
      ["delete with an empty id", Archives.delete(""), "archiveId"],
      ["list with a negative offset", Archives.list({ offset: -1 }), "offset"],
      ["list with count over 1000", Archives.list({ count: 1001 }), "count"],
      ["list with a negative count", Archives.list({ count: -1 }), "count"],
      ["list with a fractional count", Archives.list({ count: 2.5 }), "count"],
      ["list with an empty session id", Archives.list({ sessionId: "" }), "sessionId"],
      ["setLayout with custom and no stylesheet", Archives.setLayout("a", { type: "custom" }), "layout.stylesheet"],
      ["addStream with an empty stream id", Archives.addStream("a", ""), "streamId"],
      [
        "addStream with neither audio nor video",
        Archives.addStream("a", "s", { hasAudio: false, hasVideo: false }),
        "hasAudio"
      ],
      ["removeStream with an empty archive id", Archives.removeStream("", "s"), "archiveId"],
      [
        "list with null options",
        Effect.suspend(() => Archives.list(null as unknown as Archives.ListOptions)),
        "options"
      ],
      ["addStream with null options", Effect.suspend(() => Archives.addStream("a", "s", null as never)), "options"],
      ["all with a page size of 0", Stream.runDrain(Archives.all({ pageSize: 0 })), "pageSize"],
      ["all with null options", Effect.suspend(() => Stream.runDrain(Archives.all(null as never))), "options"]
    ]
    for (const [name, effect, option] of otherRefusals) {
      it.effect(`${name} is refused before sending`, () =>
        Effect.gen(function*() {
          const { requests, result } = yield* requestsDuring(effect)
          assert.strictEqual(requests.length, 0)
          const error = Either.getLeft(result).pipe(Option.getOrThrow)
          assert.strictEqual(error._tag, "InvalidOption")
          assert.strictEqual(error._tag === "InvalidOption" && error.option, option)
        }))
    }
  })
})

layer(emulatorLayer(), { excludeTestServices: true })("Archives and the shared failures", (it) => {
  it.effect("RateLimited with Retry-After, ServerError and UnexpectedResponse, as the emulator injects them", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { archive } = yield* started()

      yield* emulator.injectFault({ status: 429, retryAfter: 3 })
      const limited = yield* Effect.flip(Archives.get(archive.id))
      assert.strictEqual(limited._tag, "RateLimited")
      if (limited._tag === "RateLimited") assert.deepStrictEqual(limited.retryAfter, Option.some(Duration.seconds(3)))

      yield* emulator.injectFault({ status: 503 })
      assert.strictEqual(yield* errorTag(Archives.stop(archive.id)), "ServerError")

      yield* emulator.injectFault({ status: 200, body: "{\"id\":42}" })
      const garbled = yield* Effect.flip(Archives.get(archive.id))
      assert.strictEqual(garbled._tag, "UnexpectedResponse")
      assert.include(garbled.message, "an archive")

      assert.strictEqual((yield* Archives.get(archive.id)).status, "started", "faults are used up")
    }))

  it.effect("AuthenticationFailed for a wrong secret", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const error = yield* Effect.flip(
        Archives.list().pipe(Effect.provide(configAt(emulator.url, {}, wrongCredentials)))
      )
      assert.strictEqual(error._tag, "AuthenticationFailed")
      assert.strictEqual(error._tag === "AuthenticationFailed" && error.operation, "Archives.list")
    }))
})

describe("Archives and the network", () => {
  it.scopedLive("R20: with a 300 ms timeout and a server that never answers, every operation times out", () =>
    Effect.gen(function*() {
      const server = yield* recorder(() => "hang")
      const layer = configAt(server.url, { timeout: "300 millis" })
      const all: ReadonlyArray<Operation> = [
        Sessions.create(),
        Archives.start("2_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5hYmN-fn4"),
        Archives.stop("a"),
        Archives.get("a"),
        Archives.delete("a"),
        Archives.list(),
        Archives.setLayout("a", { type: "pip" }),
        Archives.addStream("a", "s"),
        Archives.removeStream("a", "s")
      ]
      const started = Date.now()
      const tags = yield* Effect.forEach(all, (op) => errorTag(op.pipe(Effect.provide(layer))), {
        concurrency: "unbounded"
      })
      const elapsed = Date.now() - started
      assert.deepStrictEqual(tags, all.map(() => "RequestTimeout"))
      assert.strictEqual(server.requests.length, all.length)
      assert.isAtLeast(elapsed, 290)
      assert.isBelow(elapsed, 1500)
    }))

  it.effect("R27: starting an archive against a port where nothing listens is a TransportError", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const exit = yield* Effect.exit(
        Archives.start("2_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5hYmN-fn4").pipe(
          Effect.provide(configAt(`http://127.0.0.1:${port}`))
        )
      )
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Fail", String(exit))
      assert.strictEqual(
        exit._tag === "Failure" && exit.cause._tag === "Fail" && exit.cause.error._tag,
        "TransportError"
      )
    }))
})
