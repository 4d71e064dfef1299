import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose"
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Emulator from "../src/Emulator.ts"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"
import * as SessionId from "../src/SessionId.ts"
import * as Sessions from "../src/Sessions.ts"
import * as Tokens from "../src/Tokens.ts"
import { applicationId, applicationKey, vectorSecret } from "./support/harness.ts"
import { withRecordedSpans } from "./support/tracer.ts"

const pem = Redacted.value(applicationKey)
const publicKey = createPublicKey(pem)
const now = 1_700_000_000
const session = SessionId.encode({ apiKey: applicationId, createdAt: now * 1000, random: "abc" })
const vonage = OpenTokConfig.layer({ applicationId, privateKey: applicationKey })

const fromEnv = (env: Record<string, string>) =>
  Effect.flatMap(OpenTokConfig.OpenTokConfig, Effect.succeed).pipe(
    Effect.provide(
      OpenTokConfig.layerFromEnv().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

describe("Vonage client tokens", () => {
  it.effect("are RS256 JWTs with the Vonage claims, verified by jose against the public key", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const token = yield* Tokens.generate(session, { role: "moderator", data: "user=7" }).pipe(Effect.provide(vonage))
      assert.deepStrictEqual(decodeProtectedHeader(token), { alg: "RS256", typ: "JWT" })
      const { payload } = yield* Effect.promise(() =>
        jwtVerify(token, publicKey, { currentDate: new Date(now * 1000) })
      )
      assert.strictEqual(payload.application_id, applicationId)
      assert.strictEqual(payload.scope, "session.connect")
      assert.strictEqual(payload.session_id, session)
      assert.strictEqual(payload.role, "moderator")
      assert.strictEqual(payload.initial_layout_class_list, "")
      assert.strictEqual(payload.connection_data, "user=7")
      assert.strictEqual(payload.sub, "video")
      assert.deepStrictEqual(payload.acl, { paths: { "/session/**": {} } })
      assert.strictEqual(payload.iat, now)
      assert.strictEqual(payload.exp, now + 86_400)
      assert.match(String(payload.jti), /^[0-9a-f-]{36}$/)
    }))

  it.effect("tampered ones do not verify", () =>
    Effect.gen(function*() {
      const token = yield* Tokens.generate(session, { role: "subscriber" }).pipe(Effect.provide(vonage))
      const [header, payload, signature] = token.split(".")
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>
      const forged = Buffer.from(JSON.stringify({ ...claims, role: "moderator" })).toString("base64url")
      const outcome = yield* Effect.promise(() =>
        jwtVerify(`${header}.${forged}.${signature}`, publicKey).then(() => "verified", () => "refused")
      )
      assert.strictEqual(outcome, "refused")
      const otherKey = createPublicKey(Redacted.value(Emulator.generatePrivateKey()))
      const wrongKey = yield* Effect.promise(() => jwtVerify(token, otherKey).then(() => "verified", () => "refused"))
      assert.strictEqual(wrongKey, "refused")
    }))

  it.effect("apply the same checks: another project's session, the T1 format, a past expiry", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const foreign = SessionId.encode({ apiKey: "99999999-2222-3333-4444-555555555555", createdAt: 1, random: "x" })
      const refusals = yield* Effect.all([
        Effect.flip(Tokens.generate(foreign)),
        Effect.flip(Tokens.generate(session, { format: "t1" })),
        Effect.flip(Tokens.generate(session, { expireTime: now - 1 })),
        Effect.flip(Tokens.generate(session, { role: "admin" as Tokens.Role }))
      ]).pipe(Effect.provide(vonage))
      assert.deepStrictEqual(refusals.map((e) => e._tag), [
        "InvalidSessionId",
        "InvalidOption",
        "InvalidOption",
        "InvalidOption"
      ])
      assert.include(refusals[1]!.message, "T1")
    }))
})

describe("Vonage configuration", () => {
  it.effect("reads VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY, defaulting to the Vonage host", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ VONAGE_APPLICATION_ID: applicationId, VONAGE_PRIVATE_KEY: pem })
      assert.strictEqual(config.credentials._tag, "Application")
      assert.strictEqual(OpenTokConfig.projectId(config.credentials), applicationId)
      assert.strictEqual(config.baseUrl, "https://video.api.vonage.com")
    }))

  it.effect("reads the key from VONAGE_PRIVATE_KEY_PATH", () =>
    Effect.gen(function*() {
      const path = join(mkdtempSync(join(tmpdir(), "eot-")), "private.key")
      writeFileSync(path, pem)
      const config = yield* fromEnv({ VONAGE_APPLICATION_ID: applicationId, VONAGE_PRIVATE_KEY_PATH: path })
      assert.strictEqual(config.credentials._tag, "Application")
    }))

  it.effect("prefers the OpenTok variables when both kinds are set", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({
        OPENTOK_API_KEY: "12345678",
        OPENTOK_API_SECRET: "s",
        VONAGE_APPLICATION_ID: applicationId,
        VONAGE_PRIVATE_KEY: pem
      })
      assert.strictEqual(config.credentials._tag, "ApiKey")
    }))

  const broken: ReadonlyArray<[string, Record<string, string>, string]> = [
    [
      "a key that is not PEM",
      { VONAGE_APPLICATION_ID: applicationId, VONAGE_PRIVATE_KEY: "-----BEGIN nonsense" },
      "VONAGE_PRIVATE_KEY"
    ],
    [
      "a path that does not exist",
      { VONAGE_APPLICATION_ID: applicationId, VONAGE_PRIVATE_KEY_PATH: "/no/such/key" },
      "VONAGE_PRIVATE_KEY_PATH"
    ],
    [
      "an application id that is not a UUID",
      { VONAGE_APPLICATION_ID: "app-1", VONAGE_PRIVATE_KEY: pem },
      "VONAGE_APPLICATION_ID"
    ],
    ["no key at all", { VONAGE_APPLICATION_ID: applicationId }, "VONAGE_PRIVATE_KEY"]
  ]
  for (const [name, env, variable] of broken) {
    it.effect(`fails at layer build for ${name}, naming ${variable}`, () =>
      Effect.gen(function*() {
        const error = String(yield* Effect.flip(fromEnv(env)))
        assert.include(error, variable)
        assert.notInclude(error, "PRIVATE KEY-----")
      }))
  }
})

describe("OpenTokConfig.make checks the key itself", () => {
  const keyBody = pem.split("\n")[1]!
  const cases: ReadonlyArray<[string, string]> = [
    ["a truncated key", pem.slice(0, -200)],
    [
      "an EC key",
      generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    ],
    ["a path that does not exist", "/no/such/key.pem"]
  ]
  for (const [name, key] of cases) {
    it.effect(`refuses ${name}, naming privateKey and not echoing the key`, () =>
      Effect.gen(function*() {
        const error = String(yield* Effect.flip(OpenTokConfig.make({ applicationId, privateKey: Redacted.make(key) })))
        assert.include(error, "privateKey")
        assert.notInclude(error, keyBody)
        assert.notInclude(error, key.split("\n")[1] ?? key)
      }))
  }
})

describe("secrets stay secret, for both kinds", () => {
  const secretText = Redacted.value(vectorSecret)
  const keyBody = pem.split("\n")[1]!

  it.scopedLive("not in String or JSON of the config, a log line, a span attribute or an error", () =>
    Effect.gen(function*() {
      for (
        const options of [{ apiKey: "87654321", apiSecret: vectorSecret }, {
          applicationId,
          privateKey: applicationKey
        }]
      ) {
        const emulator = yield* Emulator.make(options)
        const config = yield* OpenTokConfig.make({ ...options, baseUrl: emulator.url })
        const logs: Array<string> = []
        // Formatted as the default logger would print it, so an object carrying a key would show.
        const logger = Logger.make(({ message }) => logs.push(Inspectable.format(message)))
        const { spans } = yield* withRecordedSpans(
          Effect.gen(function*() {
            yield* Effect.log("config", config)
            yield* Sessions.create()
          }).pipe(
            Effect.provideService(OpenTokConfig.OpenTokConfig, config),
            Effect.provide(FetchHttpClient.layer),
            Effect.provide(Logger.replace(Logger.defaultLogger, logger))
          )
        )
        // An emulator that expects other credentials, so the call is refused with an error to read.
        const wrong = "apiKey" in options
          ? { ...options, apiSecret: Redacted.make("x") }
          : { ...options, privateKey: Emulator.generatePrivateKey() }
        const refused = yield* Effect.flip(
          Emulator.make(wrong).pipe(Effect.flatMap((other) =>
            Sessions.create().pipe(
              Effect.provide(
                Layer.merge(OpenTokConfig.layer({ ...options, baseUrl: other.url }), FetchHttpClient.layer)
              )
            )
          ))
        )
        const seen = [
          String(config),
          JSON.stringify(config),
          String(config.credentials),
          JSON.stringify(config.credentials),
          ...logs,
          ...spans.flatMap((span) => [...span.attributes.values()].map(String)),
          String(refused),
          JSON.stringify(refused)
        ].join("\n")
        assert.isAbove(spans.length, 0)
        assert.notInclude(seen, secretText)
        assert.notInclude(seen, keyBody)
      }
    }))
})

describe("the emulator with application credentials", () => {
  const bearer = (claims: Record<string, unknown>, key = pem) => {
    const iat = Math.floor(Date.now() / 1000)
    return new SignJWT({ application_id: applicationId, iat, exp: iat + 300, jti: "j", ...claims })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .sign(createPrivateKey(key))
  }

  const cases: ReadonlyArray<[string, () => Promise<string | undefined>, number]> = [
    ["no Authorization header", async () => undefined, 401],
    ["a token signed by another key", () => bearer({}, Redacted.value(Emulator.generatePrivateKey())), 401],
    ["an expired token", () => bearer({ iat: 1, exp: 2 }), 401],
    ["another application's id", () => bearer({ application_id: "99999999-2222-3333-4444-555555555555" }), 403]
  ]
  for (const [name, token, status] of cases) {
    it.scopedLive(`answers ${status} to ${name}`, () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator.make({ applicationId, privateKey: applicationKey })
        const auth = yield* Effect.promise(token)
        const answer = yield* Effect.promise(() =>
          fetch(`${emulator.url}/session/create`, {
            method: "POST",
            headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` }
          }).then((r) => r.status)
        )
        assert.strictEqual(answer, status)
      }))
  }

  it.scopedLive("issues session ids that encode the application id", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.make({ applicationId, privateKey: applicationKey })
      const created = yield* Sessions.create().pipe(
        Effect.provide(
          Layer.merge(
            OpenTokConfig.layer({ applicationId, privateKey: applicationKey, baseUrl: emulator.url }),
            FetchHttpClient.layer
          )
        )
      )
      assert.isTrue(SessionId.belongsTo(created.sessionId, applicationId))
    }))
})
