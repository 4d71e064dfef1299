import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Emulator from "../src/Emulator.ts"
import * as SessionId from "../src/SessionId.ts"
import * as Sessions from "../src/Sessions.ts"
import { configAt, emulatorLayer, formOf, projectId, requestsDuring } from "./support/harness.ts"
import { json, recorder } from "./support/recorder.ts"

const createAndRead = (options: Sessions.CreateOptions) =>
  Effect.gen(function*() {
    const { requests, result } = yield* requestsDuring(Sessions.create(options))
    assert.isTrue(Either.isRight(result), `expected a session, got ${String(result)}`)
    assert.strictEqual(requests.length, 1)
    const request = requests[0]!
    assert.strictEqual(request.method, "POST")
    assert.strictEqual(request.url, "/session/create")
    assert.strictEqual(request.headers["content-type"], "application/x-www-form-urlencoded")
    return { body: request.body, session: Either.getOrThrow(result) }
  })

layer(emulatorLayer(), { excludeTestServices: true })("Sessions.create against the emulator", (it) => {
  it.effect("sends the default form and decodes the answer", () =>
    Effect.gen(function*() {
      const { body, session } = yield* createAndRead({})
      assert.strictEqual(body, "archiveMode=manual&p2p.preference=enabled")
      assert.strictEqual(session.mediaMode, "relayed")
      assert.strictEqual(session.archiveMode, "manual")
      assert.deepStrictEqual(session.projectId, Option.some(projectId))
      assert.isTrue(Option.isSome(session.createDt))
      const info = yield* SessionId.decode(session.sessionId)
      assert.strictEqual(info.apiKey, projectId)
    }))

  it.effect("routed", () =>
    Effect.gen(function*() {
      const { body } = yield* createAndRead({ mediaMode: "routed" })
      assert.strictEqual(body, "archiveMode=manual&p2p.preference=disabled")
    }))

  it.effect("R09: always-archived routed session with a resolution", () =>
    Effect.gen(function*() {
      const { body } = yield* createAndRead({
        mediaMode: "routed",
        archiveMode: "always",
        archiveResolution: "1280x720"
      })
      assert.strictEqual(body, "archiveMode=always&p2p.preference=disabled&archiveResolution=1280x720")
    }))

  it.effect("archive name with always", () =>
    Effect.gen(function*() {
      const { body } = yield* createAndRead({ mediaMode: "routed", archiveMode: "always", archiveName: "daily" })
      assert.strictEqual(body, "archiveMode=always&p2p.preference=disabled&archiveName=daily")
    }))

  it.effect("R10: manual mode and nothing else sends no archive name or resolution", () =>
    Effect.gen(function*() {
      const { body } = yield* createAndRead({ archiveMode: "manual" })
      const form = formOf(body)
      assert.notProperty(form, "archiveName")
      assert.notProperty(form, "archiveResolution")
      assert.strictEqual(body, "archiveMode=manual&p2p.preference=enabled")
    }))

  it.effect("R22: e2ee true on a routed session", () =>
    Effect.gen(function*() {
      const { body, session } = yield* createAndRead({ mediaMode: "routed", e2ee: true })
      assert.strictEqual(body, "archiveMode=manual&p2p.preference=disabled&e2ee=true")
      assert.isTrue(session.e2ee)
    }))

  it.effect("e2ee false is not sent", () =>
    Effect.gen(function*() {
      const { body } = yield* createAndRead({ mediaMode: "routed", e2ee: false })
      assert.strictEqual(body, "archiveMode=manual&p2p.preference=disabled")
    }))

  it.effect("location is sent and lands in the session id", () =>
    Effect.gen(function*() {
      const { body, session } = yield* createAndRead({ location: "203.0.113.7" })
      assert.strictEqual(body, "archiveMode=manual&p2p.preference=enabled&location=203.0.113.7")
      const info = yield* SessionId.decode(session.sessionId)
      assert.deepStrictEqual(info.location, Option.some("203.0.113.7"))
    }))

  it.effect("R28: no location given sends no location field", () =>
    Effect.gen(function*() {
      const { body } = yield* createAndRead({ mediaMode: "routed" })
      assert.notProperty(formOf(body), "location")
      assert.notInclude(body, "null")
    }))

  const invalid: ReadonlyArray<[string, Sessions.CreateOptions, string]> = [
    ["always without routed", { archiveMode: "always" }, "archiveMode"],
    ["always with relayed", { archiveMode: "always", mediaMode: "relayed" }, "archiveMode"],
    ["archiveName with manual", { mediaMode: "routed", archiveName: "x" }, "archiveName"],
    ["archiveResolution with manual", { mediaMode: "routed", archiveResolution: "640x480" }, "archiveResolution"],
    ["empty archiveName", { mediaMode: "routed", archiveMode: "always", archiveName: "" }, "archiveName"],
    ["archiveName over 80", { mediaMode: "routed", archiveMode: "always", archiveName: "n".repeat(81) }, "archiveName"],
    [
      "unknown resolution",
      { mediaMode: "routed", archiveMode: "always", archiveResolution: "800x600" as Sessions.Resolution },
      "archiveResolution"
    ],
    ["location not IPv4", { location: "example.com" }, "location"],
    ["IPv6 location", { location: "2001:db8::1" }, "location"],
    ["location out of range", { location: "256.1.1.1" }, "location"],
    ["e2ee with relayed", { e2ee: true }, "e2ee"],
    ["e2ee with always", { mediaMode: "routed", archiveMode: "always", e2ee: true }, "e2ee"],
    ["unknown media mode", { mediaMode: "p2p" as Sessions.MediaMode }, "mediaMode"],
    ["unknown archive mode", { archiveMode: "sometimes" as Sessions.ArchiveMode }, "archiveMode"],
    ["e2ee not a boolean", { e2ee: "yes" as unknown as boolean }, "e2ee"]
  ]

  for (const [name, options, option] of invalid) {
    it.effect(`refuses ${name} before sending`, () =>
      Effect.gen(function*() {
        const { requests, result } = yield* requestsDuring(Sessions.create(options))
        assert.strictEqual(requests.length, 0)
        assert.isTrue(Either.isLeft(result))
        const error = Either.getLeft(result).pipe(Option.getOrThrow)
        assert.strictEqual(error._tag, "InvalidOption")
        if (error._tag === "InvalidOption") {
          assert.strictEqual(error.option, option)
          assert.strictEqual(error.operation, "Sessions.create")
        }
      }))
  }
})

describe("Sessions.create answers", () => {
  it.scopedLive("decodes the legacy XML answer", () =>
    Effect.gen(function*() {
      const id = "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-"
      const server = yield* recorder(() => ({
        status: 200,
        headers: { "content-type": "application/xml" },
        body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sessions><Session><session_id>${id}` +
          `</session_id><partner_id>87654321</partner_id><create_dt>Tue Nov 14 22:13:20 PST 2023</create_dt>` +
          `</Session></sessions>`
      }))
      const session = yield* Sessions.create().pipe(Effect.provide(configAt(server.url)))
      assert.strictEqual(session.sessionId, id)
      assert.deepStrictEqual(session.projectId, Option.some("87654321"))
      assert.deepStrictEqual(session.createDt, Option.some("Tue Nov 14 22:13:20 PST 2023"))
    }))

  it.scopedLive("decodes the Vonage answer with its extra null fields", () =>
    Effect.gen(function*() {
      const id = "1_MX4xMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTV-fjE3MDAwMDAwMDAwMDB-YWJjZGVmfn5-"
      const server = yield* recorder(() =>
        json(200, [{
          session_id: id,
          project_id: "11111111-2222-3333-4444-555555555555",
          partner_id: "11111111-2222-3333-4444-555555555555",
          create_dt: "Tue Nov 14 22:13:20 PST 2023",
          session_status: null,
          media_server_hostname: null,
          messaging_url: null,
          ice_servers: null,
          properties: null,
          session_segment_id: "0f0e0d0c-0b0a-4909-8807-060504030201",
          ice_credential_expiration: 86100
        }])
      )
      const session = yield* Sessions.create().pipe(Effect.provide(configAt(server.url)))
      assert.strictEqual(session.sessionId, id)
      assert.deepStrictEqual(session.projectId, Option.some("11111111-2222-3333-4444-555555555555"))
    }))

  const undecodable: ReadonlyArray<[string, string]> = [
    ["text that is not JSON", "<html>gateway</html"],
    ["an empty array", "[]"],
    ["an object instead of an array", "{\"session_id\":\"1_x\"}"],
    ["a record without session_id", "[{\"project_id\":\"1\"}]"],
    ["an empty body", ""]
  ]
  for (const [name, body] of undecodable) {
    it.scopedLive(`an undecodable body (${name}) is an UnexpectedResponse`, () =>
      Effect.gen(function*() {
        const server = yield* recorder(() => ({ status: 200, body, headers: { "x-request-id": "req-7" } }))
        const error = yield* Sessions.create().pipe(Effect.provide(configAt(server.url)), Effect.flip)
        assert.strictEqual(error._tag, "UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") {
          assert.strictEqual(error.operation, "Sessions.create")
          assert.strictEqual(error.status, 200)
          assert.strictEqual(error.requestId, "req-7")
          assert.include(error.message, "created session")
        }
      }))
  }

  it.scopedLive("a 400 carries the platform's code and message", () =>
    Effect.gen(function*() {
      const server = yield* recorder(() => json(400, { code: 400, message: "Invalid archive resolution" }))
      const error = yield* Sessions.create().pipe(Effect.provide(configAt(server.url)), Effect.flip)
      assert.strictEqual(error._tag, "BadRequest")
      if (error._tag === "BadRequest") {
        assert.strictEqual(error.status, 400)
        assert.strictEqual(error.code, 400)
        assert.strictEqual(error.platformMessage, "Invalid archive resolution")
      }
    }))

  it.scopedLive("a 403 in XML is AuthenticationFailed with the platform's message", () =>
    Effect.gen(function*() {
      const server = yield* recorder(() => ({
        status: 403,
        body: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><errorPayload><code>-1</code>" +
          "<message>Invalid signature</message></errorPayload>"
      }))
      const error = yield* Sessions.create().pipe(Effect.provide(configAt(server.url)), Effect.flip)
      assert.strictEqual(error._tag, "AuthenticationFailed")
      if (error._tag === "AuthenticationFailed") {
        assert.strictEqual(error.code, -1)
        assert.strictEqual(error.platformMessage, "Invalid signature")
      }
    }))

  it.scopedLive("the emulator's session ids decode to its key", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const session = yield* Sessions.create({ mediaMode: "routed" })
      assert.isTrue(SessionId.belongsTo(session.sessionId, emulator.projectId))
    }).pipe(Effect.provide(emulatorLayer())))
})
