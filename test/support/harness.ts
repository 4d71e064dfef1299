// Every suite that talks to the emulator runs once per credential kind: vitest.config.ts declares
// two projects that differ only in OPENTOK_TEST_CREDENTIALS, and this module reads it.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { jwtVerify } from "jose"
import { createPublicKey } from "node:crypto"
import * as Emulator from "../../src/Emulator.ts"
import * as OpenTokConfig from "../../src/OpenTokConfig.ts"

/** The T1 vector's project (REST contract, section 3.1). */
export const vectorKey = "87654321"
export const vectorSecret = Redacted.make("0123456789abcdef0123456789abcdef01234567")

export const applicationId = "11111111-2222-3333-4444-555555555555"
export const applicationKey = Emulator.generatePrivateKey()

export const kind: "apiKey" | "application" = process.env["OPENTOK_TEST_CREDENTIALS"] === "application"
  ? "application"
  : "apiKey"

type CredentialOptions =
  | Pick<OpenTokConfig.ApiKeyOptions, "apiKey" | "apiSecret">
  | Pick<OpenTokConfig.ApplicationOptions, "applicationId" | "privateKey">

/** The credentials of this run's kind. */
export const credentials: CredentialOptions = kind === "apiKey"
  ? { apiKey: vectorKey, apiSecret: vectorSecret }
  : { applicationId, privateKey: applicationKey }

/** Credentials of this run's kind that the emulator refuses. */
export const wrongCredentials: CredentialOptions = kind === "apiKey"
  ? { apiKey: vectorKey, apiSecret: Redacted.make("not-the-secret") }
  : { applicationId, privateKey: Emulator.generatePrivateKey() }

/** The API key or application id: what paths and session ids carry. */
export const projectId = kind === "apiKey" ? vectorKey : applicationId

/** An emulator, a config pointing at it, and the real fetch-based HttpClient. */
export const emulatorLayer = (options: Omit<OpenTokConfig.CommonOptions, "baseUrl"> = {}) =>
  Emulator.layerConfig(options).pipe(
    Layer.provideMerge(Emulator.layer(credentials)),
    Layer.merge(FetchHttpClient.layer)
  )

/** A config of this run's kind pointing at any URL, with the real HttpClient. */
export const configAt = (
  baseUrl: string,
  options: Omit<OpenTokConfig.CommonOptions, "baseUrl"> = {},
  using: CredentialOptions = credentials
) => Layer.merge(OpenTokConfig.layer({ ...using, ...options, baseUrl }), FetchHttpClient.layer)

/** Verifies a recorded request's auth header as the platform would, and gives the JWT's claims. */
export const verifiedAuth = (headers: Readonly<Record<string, string | undefined>>) =>
  Effect.promise(async () => {
    if (kind === "apiKey") {
      const token = headers["x-opentok-auth"]!
      return { token, ...(await jwtVerify(token, new TextEncoder().encode(Redacted.value(vectorSecret)))) }
    }
    const token = /^Bearer (.+)$/.exec(headers["authorization"] ?? "")![1]!
    return { token, ...(await jwtVerify(token, createPublicKey(Redacted.value(applicationKey)))) }
  })

/** The requests the emulator received while `effect` ran. */
export const requestsDuring = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const before = emulator.requests().length
    const result = yield* Effect.either(effect)
    return { result, requests: emulator.requests().slice(before) }
  })

export const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body))
