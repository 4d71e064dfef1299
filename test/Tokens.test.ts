import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { decodeProtectedHeader, jwtVerify } from "jose"
import { createHmac } from "node:crypto"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"
import * as Tokens from "../src/Tokens.ts"
import { vectorKey, vectorSecret } from "./support/harness.ts"

// The REST contract's section 3.1 test vector, copied here so the suite stands without ../shared.
const vectorSession = "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-"
const vectorToken = [
  "T1==cGFydG5lcl9pZD04NzY1NDMyMSZzaWc9ZjJlZjUwYjFmNzE5ZDM4ZjE2NTczMzhhMWVkY2Q4OTJkNTEzOTVlYjpzZXNzaW9u",
  "X2lkPTFfTVg0NE56WTFORE15TVg1LU1UY3dNREF3TURBd01EQXdNSDVhZURsUmJUSk1hMzUtJmNyZWF0ZV90aW1lPTE3MDAwMDAw",
  "MDAmZXhwaXJlX3RpbWU9MTcwMDA4NjQwMCZyb2xlPXB1Ymxpc2hlciZub25jZT00MjQyNDImaW5pdGlhbF9sYXlvdXRfY2xhc3Nf",
  "bGlzdD1mb2N1cyttYWluJmNvbm5lY3Rpb25fZGF0YT1uYW1lJTNEQWxpY2U="
].join("")
// A body with `_` inside and a length that needs one `=` of padding (contract, section 3.5).
const underscoreSession = "2_MX44NzY1NDMyMX4yMDMuMC4xMTMuN34xNzAwMDAwMDAwMDAwfnE_Pld6fn4"
const otherProjectSession = "1_MX4xMjM0NTY3OH5-MTcwMDAwMDAwMDAwMH5hYmN-fn4"

const now = 1_700_000_000
const secretBytes = new TextEncoder().encode(Redacted.value(vectorSecret))

const atVectorTime = <A, E>(effect: Effect.Effect<A, E, OpenTokConfig.OpenTokConfig>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(now * 1000)
    return yield* effect
  }).pipe(Effect.provide(OpenTokConfig.layer({ apiKey: vectorKey, apiSecret: vectorSecret })))

const claimsOf = (token: string) =>
  Effect.promise(() => jwtVerify(token, secretBytes, { currentDate: new Date(now * 1000) })).pipe(
    Effect.map((result) => result.payload)
  )

const refusal = (sessionId: string, options: Tokens.GenerateOptions) =>
  atVectorTime(Effect.flip(Tokens.generate(sessionId, options)))

describe("Tokens.generate", () => {
  it.effect("reproduces the contract's T1 vector byte for byte", () =>
    Effect.gen(function*() {
      const token = yield* atVectorTime(
        Tokens.generate(vectorSession, {
          format: "t1",
          expireTime: 1_700_086_400,
          initialLayoutClassList: ["focus", "main"],
          data: "name=Alice"
        })
      ).pipe(Effect.withRandom(Random.fixed([424242])))
      assert.strictEqual(token, vectorToken)
    }))

  it.effect("signs T1 tokens over exactly the embedded data", () =>
    Effect.gen(function*() {
      const token = yield* atVectorTime(Tokens.generate(vectorSession, { format: "t1", role: "moderator" }))
      const inner = Buffer.from(token.slice(4), "base64").toString("utf8")
      const [meta, data] = [inner.slice(0, inner.indexOf(":")), inner.slice(inner.indexOf(":") + 1)]
      const sig = new URLSearchParams(meta).get("sig")
      assert.strictEqual(sig, createHmac("sha1", Redacted.value(vectorSecret)).update(data).digest("hex"))
      const fields = new URLSearchParams(data)
      assert.strictEqual(fields.get("role"), "moderator")
      assert.strictEqual(fields.get("expire_time"), String(now + 86_400))
      assert.strictEqual(new URLSearchParams(meta).get("partner_id"), vectorKey)
    }))

  it.effect("mints a JWT by default with the documented claims", () =>
    Effect.gen(function*() {
      const token = yield* atVectorTime(Tokens.generate(vectorSession))
      assert.deepStrictEqual(decodeProtectedHeader(token), { alg: "HS256", typ: "JWT" })
      const claims = yield* claimsOf(token)
      assert.strictEqual(claims.iss, vectorKey)
      assert.strictEqual(claims.ist, "project")
      assert.strictEqual(claims.scope, "session.connect")
      assert.strictEqual(claims.session_id, vectorSession)
      assert.strictEqual(claims.role, "publisher")
      assert.strictEqual(claims.iat, now)
      assert.strictEqual(claims.exp, now + 86_400)
      assert.isTrue(Number.isInteger(claims.nonce))
      assert.isString(claims.jti)
      assert.notProperty(claims, "connection_data")
      assert.notProperty(claims, "initial_layout_class_list")
    }))

  it.effect("writes role, data and layout classes", () =>
    Effect.gen(function*() {
      const token = yield* atVectorTime(
        Tokens.generate(underscoreSession, {
          role: "publisherOnly",
          data: "user=42&name=Ünï",
          initialLayoutClassList: ["focus", "full"]
        })
      )
      const claims = yield* claimsOf(token)
      assert.strictEqual(claims.role, "publisheronly")
      assert.strictEqual(claims.connection_data, "user=42&name=Ünï")
      assert.strictEqual(claims.initial_layout_class_list, "focus full")
    }))

  it.effect("R19: the exp claim is exactly the expiry asked for", () =>
    Effect.gen(function*() {
      const claims = yield* claimsOf(yield* atVectorTime(Tokens.generate(vectorSession, { expireTime: now + 180 })))
      assert.strictEqual(claims.exp, now + 180)
    }))

  it.effect("takes a Date as expiry, to the second", () =>
    Effect.gen(function*() {
      const expireTime = new Date((now + 3600) * 1000 + 999)
      const claims = yield* claimsOf(yield* atVectorTime(Tokens.generate(vectorSession, { expireTime })))
      assert.strictEqual(claims.exp, now + 3600)
    }))

  it.effect("accepts an expiry exactly 30 days ahead", () =>
    Effect.gen(function*() {
      const claims = yield* claimsOf(
        yield* atVectorTime(Tokens.generate(vectorSession, { expireTime: now + 30 * 86_400 }))
      )
      assert.strictEqual(claims.exp, now + 30 * 86_400)
    }))

  const refused: ReadonlyArray<[string, Tokens.GenerateOptions, string]> = [
    ["R04: a fractional expiry", { expireTime: now + 604_800.5 }, "expireTime"],
    ["R28: an expiry in the past", { expireTime: now - 1 }, "expireTime"],
    ["an expiry of now", { expireTime: now }, "expireTime"],
    ["an expiry past 30 days", { expireTime: now + 30 * 86_400 + 1 }, "expireTime"],
    ["an expiry in milliseconds", { expireTime: (now + 60) * 1000 }, "expireTime"],
    ["a NaN expiry", { expireTime: Number.NaN }, "expireTime"],
    ["an invalid Date", { expireTime: new Date("nope") }, "expireTime"],
    ["an unknown role", { role: "admin" as Tokens.Role }, "role"],
    ["a lower-case publisheronly role", { role: "publisheronly" as Tokens.Role }, "role"],
    ["data over 1000 characters", { data: "x".repeat(1001) }, "data"],
    ["data that is not a string", { data: 42 as unknown as string }, "data"],
    [
      "a class list over 1000 characters",
      { initialLayoutClassList: ["a".repeat(600), "b".repeat(400)] },
      "initialLayoutClassList"
    ],
    ["a class name with a space", { initialLayoutClassList: ["two words"] }, "initialLayoutClassList"],
    ["an unknown format", { format: "t2" as "t1" }, "format"]
  ]
  for (const [name, options, option] of refused) {
    it.effect(`refuses ${name}`, () =>
      Effect.gen(function*() {
        const error = yield* refusal(vectorSession, options)
        assert.strictEqual(error._tag, "InvalidOption")
        if (error._tag === "InvalidOption") {
          assert.strictEqual(error.option, option)
          assert.strictEqual(error.operation, "Tokens.generate")
        }
      }))
  }

  it.effect("accepts data of exactly 1000 characters", () =>
    Effect.gen(function*() {
      const claims = yield* claimsOf(yield* atVectorTime(Tokens.generate(vectorSession, { data: "d".repeat(1000) })))
      assert.strictEqual(String(claims.connection_data).length, 1000)
    }))

  const foreign: ReadonlyArray<[string, string, string]> = [
    ["a session of another project", otherProjectSession, "belongs to project 12345678"],
    ["an empty id", "", "does not start with 1_ or 2_"],
    ["a bad prefix", "3_MX44NzY1NDMyMX5-", "does not start with 1_ or 2_"],
    ["a body that is not base64", "1_@@@@", "is not URL-safe base64"],
    ["a record without the key field", "1_" + Buffer.from("1").toString("base64url"), "does not hold a session record"]
  ]
  for (const [name, sessionId, reason] of foreign) {
    it.effect(`refuses ${name}`, () =>
      Effect.gen(function*() {
        const error = yield* refusal(sessionId, {})
        assert.strictEqual(error._tag, "InvalidSessionId")
        assert.include(error.message, reason)
      }))
  }

  it.effect("refuses a key that merely contains the configured one", () =>
    Effect.gen(function*() {
      // 187654321 contains 87654321: the check compares the field, not a substring.
      const lookalike = "1_" + Buffer.from("1~187654321~~1700000000000~abc~~").toString("base64url")
      const error = yield* refusal(lookalike, {})
      assert.strictEqual(error._tag, "InvalidSessionId")
    }))
})
