// The emulator's own checks, met over raw HTTP as another SDK would meet them: the SDK validates
// first, so its tests never reach these.
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { SignJWT } from "jose"
import * as Emulator from "../src/Emulator.ts"
import { vectorKey, vectorSecret } from "./support/harness.ts"

const token = () => {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ iss: vectorKey, ist: "project", iat: now, exp: now + 180 })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(Redacted.value(vectorSecret)))
}

const client = (url: string) => (method: string, path: string, body?: unknown) =>
  Effect.promise(async () => {
    const headers: Record<string, string> = { "x-opentok-auth": await token(), accept: "application/json" }
    const init: RequestInit = { method, headers }
    if (body !== undefined) {
      headers["content-type"] = typeof body === "string" ? "application/x-www-form-urlencoded" : "application/json"
      init.body = typeof body === "string" ? body : JSON.stringify(body)
    }
    const response = await fetch(`${url}${path}`, init)
    const text = await response.text()
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) as Record<string, unknown> }
  })

const setUp = Effect.gen(function*() {
  const emulator = yield* Emulator.make({ apiKey: vectorKey, apiSecret: vectorSecret })
  const call = client(emulator.url)
  const created = yield* call("POST", "/session/create", "p2p.preference=disabled")
  const sessionId = (created.json as unknown as Array<{ session_id: string }>)[0]!.session_id
  const connected = yield* call("POST", `/_emulator/sessions/${sessionId}/connections`, {})
  return { emulator, call, sessionId, connectionId: String(connected.json?.connectionId) }
})

const project = `/v2/project/${vectorKey}`

describe("the emulator refuses what the platform refuses", () => {
  const badStarts: ReadonlyArray<[string, Record<string, unknown>]> = [
    ["maxBitrate out of range beside a valid layout", { layout: { type: "bestFit" }, maxBitrate: 1 }],
    ["neither audio nor video", { hasAudio: false, hasVideo: false }],
    ["resolution with individual output", { outputMode: "individual", resolution: "1280x720" }],
    ["a layout with individual output", { outputMode: "individual", layout: { type: "pip" } }],
    ["quantizationParameter with maxBitrate", { quantizationParameter: 20, maxBitrate: 200000 }],
    ["custom without a stylesheet", { layout: { type: "custom" } }],
    ["an unknown output mode", { outputMode: "mixed" }]
  ]
  for (const [name, options] of badStarts) {
    it.scopedLive(`400 to a start with ${name}`, () =>
      Effect.gen(function*() {
        const { call, sessionId } = yield* setUp
        const answer = yield* call("POST", `${project}/archive`, { sessionId, ...options })
        assert.strictEqual(answer.status, 400)
        const list = yield* call("GET", `${project}/archive?sessionId=${sessionId}`)
        assert.strictEqual(list.json?.count, 0, "no archive was started")
      }))
  }

  it.scopedLive("400 to a list with count over 1000 or a negative offset", () =>
    Effect.gen(function*() {
      const { call } = yield* setUp
      assert.strictEqual((yield* call("GET", `${project}/archive?count=1001`)).status, 400)
      assert.strictEqual((yield* call("GET", `${project}/archive?offset=-1`)).status, 400)
    }))

  it.scopedLive("400 to a layout change with a stylesheet on bestFit; 404 removing a stream never added", () =>
    Effect.gen(function*() {
      const { call, connectionId, sessionId } = yield* setUp
      const started = yield* call("POST", `${project}/archive`, { sessionId, streamMode: "manual" })
      const id = String(started.json?.id)
      const layout = yield* call("PUT", `${project}/archive/${id}/layout`, { type: "bestFit", stylesheet: "x{}" })
      assert.strictEqual(layout.status, 400)
      const published = yield* call("POST", `/_emulator/sessions/${sessionId}/connections/${connectionId}/streams`, {})
      const streamId = String(published.json?.streamId)
      assert.strictEqual(
        (yield* call("PATCH", `${project}/archive/${id}/streams`, { removeStream: streamId })).status,
        404
      )
    }))

  it.scopedLive("stores the start layout and writes a transcription object", () =>
    Effect.gen(function*() {
      const { call, sessionId } = yield* setUp
      const started = yield* call("POST", `${project}/archive`, { sessionId, hasTranscription: true })
      assert.strictEqual(started.status, 200)
      assert.deepStrictEqual(started.json?.transcription, { status: "requested", reason: "", url: null })
    }))

  it.scopedLive("a project in the path other than the token's is refused", () =>
    Effect.gen(function*() {
      const { call } = yield* setUp
      assert.strictEqual((yield* call("GET", "/v2/project/99999999/archive")).status, 403)
    }))

  it.scopedLive("fault injection over HTTP fails the next request only", () =>
    Effect.gen(function*() {
      const { call } = yield* setUp
      assert.strictEqual((yield* call("POST", "/_emulator/faults", { status: 503, retryAfter: 2 })).status, 204)
      assert.strictEqual((yield* call("GET", `${project}/archive`)).status, 503)
      assert.strictEqual((yield* call("GET", `${project}/archive`)).status, 200)
    }))
})
