import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Emulator from "../../src/Emulator.ts"
import * as OpenTokConfig from "../../src/OpenTokConfig.ts"

/** The T1 vector's project (REST contract, section 3.1). */
export const vectorKey = "87654321"
export const vectorSecret = Redacted.make("0123456789abcdef0123456789abcdef01234567")

/** An emulator, a config pointing at it, and the real fetch-based HttpClient. */
export const emulatorLayer = (options: Omit<OpenTokConfig.Options, "apiKey" | "apiSecret" | "baseUrl"> = {}) =>
  Emulator.layerConfig(options).pipe(
    Layer.provideMerge(Emulator.layer({ apiKey: vectorKey, apiSecret: vectorSecret })),
    Layer.merge(FetchHttpClient.layer)
  )

/** A config for the vector's project pointing at any URL, with the real HttpClient. */
export const configAt = (
  baseUrl: string,
  options: Omit<OpenTokConfig.Options, "apiKey" | "apiSecret" | "baseUrl"> = {},
  apiSecret: Redacted.Redacted<string> = vectorSecret,
  apiKey: string = vectorKey
) =>
  Layer.merge(
    OpenTokConfig.layer({ apiKey, apiSecret, baseUrl, ...options }),
    FetchHttpClient.layer
  )

/** The requests the emulator received while `effect` ran. */
export const requestsDuring = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const before = emulator.requests().length
    const result = yield* Effect.either(effect)
    return { result, requests: emulator.requests().slice(before) }
  })

export const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body))
