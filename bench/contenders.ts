// What each contender does for one unit of work, behind one shape, so the comparison loop is the
// same for all of them.
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { createHmac, randomUUID } from "node:crypto"
import { createRequire } from "node:module"
import { Archives, OpenTokConfig, Signals, Tokens } from "../src/index.ts"

export const apiKey = "87654321"
export const apiSecret = "0123456789abcdef0123456789abcdef01234567"
export const sessionId = "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-"

const require = createRequire(import.meta.url)
// The official SDK is CommonJS with callbacks.
const OpenTok = require("opentok") as new(key: string, secret: string, env?: unknown) => OfficialClient

interface OfficialClient {
  generateToken(sessionId: string, options?: unknown, t1?: boolean): string
  signal(sessionId: string, connectionId: string | null, payload: unknown, cb: (err: unknown) => void): void
  startArchive(sessionId: string, options: unknown, cb: (err: unknown, archive?: { id: string }) => void): void
  stopArchive(archiveId: string, cb: (err: unknown) => void): void
}

/** Mints `count` tokens and resolves when done. */
export type TokenBatch = (count: number) => Promise<void>

/** Runs `count` calls, `inFlight` at a time. */
export type RestBatch = (count: number, inFlight: number) => Promise<void>

const runtimeFor = (baseUrl: string) =>
  ManagedRuntime.make(
    Layer.merge(
      OpenTokConfig.layer({ apiKey, apiSecret: Redacted.make(apiSecret), baseUrl }),
      // undici through @effect/platform-node: on Node it is as fast as raw fetch, where the
      // fetch-based FetchHttpClient runs at about half of it (bench/README.md).
      NodeHttpClient.layerUndici
    )
  )

const tokenConfig = Effect.runSync(
  Effect.map(
    OpenTokConfig.make({ apiKey, apiSecret: Redacted.make(apiSecret) }),
    (config) => Context.make(OpenTokConfig.OpenTokConfig, config)
  )
)

const mintLoop = (format: "jwt" | "t1", count: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < count; i++) yield* Tokens.generate(sessionId, { format })
  }).pipe(Effect.provide(tokenConfig))

/** Minted in a loop inside one Effect, as a backend's handler would, on the default runtime. */
const oursTokens = (format: "jwt" | "t1"): TokenBatch => (count) => Effect.runPromise(mintLoop(format, count))

const official = (baseUrl = "http://127.0.0.1:1") => new OpenTok(apiKey, apiSecret, { apiUrl: baseUrl })

const officialTokens = (t1: boolean): TokenBatch => {
  const client = official()
  return async (count) => {
    for (let i = 0; i < count; i++) client.generateToken(sessionId, {}, t1)
  }
}

const base64url = (text: string) => Buffer.from(text).toString("base64url")
const rawHeader = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))

/** The floor: an HS256 JWT with the same claims, by node:crypto alone, no validation. */
const rawJwt: TokenBatch = async (count) => {
  for (let i = 0; i < count; i++) {
    const now = Math.floor(Date.now() / 1000)
    const payload = base64url(JSON.stringify({
      iss: apiKey,
      ist: "project",
      iat: now,
      exp: now + 86400,
      jti: randomUUID(),
      nonce: Math.floor(Math.random() * 1e6),
      role: "publisher",
      scope: "session.connect",
      session_id: sessionId
    }))
    createHmac("sha256", apiSecret).update(`${rawHeader}.${payload}`).digest("base64url")
  }
}

export const jwtContenders: Record<string, TokenBatch> = {
  ours: oursTokens("jwt"),
  opentok: officialTokens(false),
  "node:crypto": rawJwt
}

export const t1Contenders: Record<string, TokenBatch> = {
  ours: oursTokens("t1"),
  opentok: officialTokens(true)
}

/** Runs `count` jobs with at most `inFlight` at once. */
const pool = async (count: number, inFlight: number, job: () => Promise<unknown>) => {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await job()
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker))
}

const promisify = <A>(f: (cb: (err: unknown, value?: A) => void) => void) =>
  new Promise<A | undefined>((resolve, reject) => f((err, value) => err ? reject(err) : resolve(value)))

export type Workload = "signal" | "archive"

export const restContenders = (baseUrl: string, workload: Workload): Record<string, RestBatch> => {
  const runtime = runtimeFor(baseUrl)
  const client = official(baseUrl)
  const project = `${baseUrl}/v2/project/${apiKey}`
  const ourCall: Effect.Effect<unknown, unknown, OpenTokConfig.OpenTokConfig | HttpClient.HttpClient> =
    workload === "signal"
      ? Signals.send(sessionId, { type: "t", data: "hello" })
      : Effect.flatMap(Archives.start(sessionId, { name: "bench" }), (a) => Archives.stop(a.id))
  const officialCall = workload === "signal"
    ? () => promisify((cb) => client.signal(sessionId, null, { type: "t", data: "hello" }, cb))
    : async () => {
      const archive = await promisify<{ id: string }>((cb) => client.startArchive(sessionId, { name: "bench" }, cb))
      await promisify((cb) => client.stopArchive(archive!.id, cb))
    }
  // Plain fetch does the same requests, with a header of the same size and no checks at all.
  const auth = { "x-opentok-auth": "x".repeat(200), accept: "application/json", "content-type": "application/json" }
  const fetchCall = workload === "signal"
    ? async () => {
      const response = await fetch(`${project}/session/${sessionId}/signal`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ type: "t", data: "hello" })
      })
      await response.arrayBuffer()
    }
    : async () => {
      const start = await fetch(`${project}/archive`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ sessionId, name: "bench" })
      })
      const archive = await start.json() as { id: string }
      const stop = await fetch(`${project}/archive/${archive.id}/stop`, { method: "POST", headers: auth })
      await stop.json()
    }
  // The floor our REST calls stand on: @effect/platform's own client (undici), same requests, no
  // SDK around it. The gap from it to plain fetch is the Effect HTTP stack's; from ours to it, ours.
  const platformCall = Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const send = (url: string, body?: unknown) =>
      http.execute(
        HttpClientRequest.post(url).pipe(
          HttpClientRequest.setHeaders(auth),
          body === undefined ? (r) => r : HttpClientRequest.bodyUnsafeJson(body)
        )
      ).pipe(Effect.flatMap((response) => response.text))
    if (workload === "signal") {
      return yield* send(`${project}/session/${sessionId}/signal`, { type: "t", data: "hello" })
    }
    const started = JSON.parse(yield* send(`${project}/archive`, { sessionId, name: "bench" })) as { id: string }
    return yield* send(`${project}/archive/${started.id}/stop`)
  })
  return {
    "@effect/platform": (count, inFlight) =>
      runtime.runPromise(Effect.forEach(Array.from({ length: count }), () => platformCall, {
        concurrency: inFlight,
        discard: true
      })),
    ours: (count, inFlight) =>
      runtime.runPromise(Effect.asVoid(Effect.forEach(Array.from({ length: count }), () => ourCall, {
        concurrency: inFlight,
        discard: true
      }))),
    opentok: (count, inFlight) => pool(count, inFlight, officialCall),
    fetch: (count, inFlight) => pool(count, inFlight, fetchCall)
  }
}
