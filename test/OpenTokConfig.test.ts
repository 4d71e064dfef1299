import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"

const secretText = "s3cr3t-value-that-must-not-leak"

const fromEnv = (env: Record<string, string>) =>
  Effect.gen(function*() {
    return yield* OpenTokConfig.OpenTokConfig
  }).pipe(
    Effect.provide(
      OpenTokConfig.layerFromEnv().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

const failureOf = (env: Record<string, string>) => Effect.map(Effect.flip(fromEnv(env)), String)

describe("OpenTokConfig", () => {
  it.effect("reads every variable", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({
        OPENTOK_API_KEY: "12345678",
        OPENTOK_API_SECRET: secretText,
        OPENTOK_API_URL: "http://127.0.0.1:4010/",
        OPENTOK_TIMEOUT: "2500",
        OPENTOK_USER_AGENT_SUFFIX: "MyApp/1.0"
      })
      assert.deepStrictEqual(config.credentials, {
        _tag: "ApiKey",
        apiKey: "12345678",
        apiSecret: config.credentials._tag === "ApiKey" ? config.credentials.apiSecret : Redacted.make("")
      })
      assert.strictEqual(
        config.credentials._tag === "ApiKey" && Redacted.value(config.credentials.apiSecret),
        secretText
      )
      assert.strictEqual(config.baseUrl, "http://127.0.0.1:4010")
      assert.isTrue(Duration.equals(config.timeout, Duration.millis(2500)))
      assert.deepStrictEqual(config.userAgentSuffix, Option.some("MyApp/1.0"))
    }))

  it.effect("defaults the URL, timeout and suffix", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ OPENTOK_API_KEY: "12345678", OPENTOK_API_SECRET: secretText })
      assert.strictEqual(config.baseUrl, "https://api.opentok.com")
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(20)))
      assert.deepStrictEqual(config.userAgentSuffix, Option.none())
    }))

  it.effect("takes a timeout written as a duration", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ OPENTOK_API_KEY: "1", OPENTOK_API_SECRET: "s", OPENTOK_TIMEOUT: "5 seconds" })
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(5)))
    }))

  const broken: ReadonlyArray<[string, Record<string, string>, string]> = [
    ["a missing key", { OPENTOK_API_SECRET: "s" }, "OPENTOK_API_KEY"],
    ["a missing secret", { OPENTOK_API_KEY: "1" }, "OPENTOK_API_SECRET"],
    ["an empty secret", { OPENTOK_API_KEY: "1", OPENTOK_API_SECRET: "" }, "OPENTOK_API_SECRET"],
    [
      "a malformed timeout",
      { OPENTOK_API_KEY: "1", OPENTOK_API_SECRET: "s", OPENTOK_TIMEOUT: "soon" },
      "OPENTOK_TIMEOUT"
    ],
    ["a zero timeout", { OPENTOK_API_KEY: "1", OPENTOK_API_SECRET: "s", OPENTOK_TIMEOUT: "0" }, "OPENTOK_TIMEOUT"],
    [
      "a URL that is not one",
      { OPENTOK_API_KEY: "1", OPENTOK_API_SECRET: "s", OPENTOK_API_URL: "api" },
      "OPENTOK_API_URL"
    ],
    [
      "a URL of another scheme",
      { OPENTOK_API_KEY: "1", OPENTOK_API_SECRET: "s", OPENTOK_API_URL: "ftp://x" },
      "OPENTOK_API_URL"
    ],
    ["a key with spaces", { OPENTOK_API_KEY: "12 34", OPENTOK_API_SECRET: "s" }, "OPENTOK_API_KEY"]
  ]
  for (const [name, env, variable] of broken) {
    it.effect(`names the variable for ${name}`, () =>
      Effect.gen(function*() {
        const message = yield* failureOf(env)
        assert.include(message, variable)
      }))
  }

  it.effect("never shows the secret in String, JSON or an error", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ OPENTOK_API_KEY: "12345678", OPENTOK_API_SECRET: secretText })
      assert.notInclude(String(config.credentials), secretText)
      assert.notInclude(JSON.stringify(config), secretText)
      assert.notInclude(String(Object.values(config)), secretText)
      const message = yield* failureOf({ OPENTOK_API_KEY: "bad key", OPENTOK_API_SECRET: secretText })
      assert.notInclude(message, secretText)
    }))

  it.effect("layer() checks its options too", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        OpenTokConfig.make({ apiKey: "1", apiSecret: Redacted.make("s"), timeout: Duration.zero })
      )
      assert.include(String(error), "timeout")
      const noSecret = yield* Effect.flip(
        OpenTokConfig.make({ apiKey: "1", apiSecret: "plain" as unknown as Redacted.Redacted<string> })
      )
      assert.include(String(noSecret), "apiSecret")
    }))
})
