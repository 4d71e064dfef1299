import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import fc from "fast-check"
import { jwtVerify, SignJWT } from "jose"
import { formEncode } from "../src/internal/clientToken.ts"
import { signHs256 } from "../src/internal/jwt.ts"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"
import { vectorKey, vectorSecret } from "./support/harness.ts"

const apiKeyCredentials = (apiSecret: Redacted.Redacted<string>) =>
  Effect.map(OpenTokConfig.make({ apiKey: vectorKey, apiSecret }), (config) => ({
    credentials: config.credentials as OpenTokConfig.ApiKeyCredentials
  }))

// Tokens are signed with node:crypto for speed; jose remains the reference it must agree with.
describe("HS256 signing", () => {
  const claims = fc.record({
    iss: fc.constant(vectorKey),
    iat: fc.integer({ min: 0, max: 2 ** 31 }),
    exp: fc.integer({ min: 1, max: 2 ** 31 }),
    role: fc.constantFrom("publisher", "moderator"),
    connection_data: fc.string({ unit: "grapheme", maxLength: 60 })
  })

  it.effect("writes byte for byte what jose writes for the same claims, and jose verifies it", () =>
    Effect.gen(function*() {
      const { credentials } = yield* apiKeyCredentials(vectorSecret)
      const key = new TextEncoder().encode(Redacted.value(vectorSecret))
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(claims, async (c) => {
            const ours = signHs256(credentials, c)
            const theirs = await new SignJWT(c).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key)
            assert.strictEqual(ours, theirs)
            const { payload } = await jwtVerify(ours, key, { currentDate: new Date(0) })
            assert.deepStrictEqual(payload, c)
          }),
          { numRuns: 200 }
        )
      )
    }))

  it.effect("a token signed with another secret does not verify", () =>
    Effect.gen(function*() {
      const { credentials } = yield* apiKeyCredentials(Redacted.make("other"))
      const token = signHs256(credentials, { iss: vectorKey })
      const key = new TextEncoder().encode(Redacted.value(vectorSecret))
      const outcome = yield* Effect.promise(() => jwtVerify(token, key).then(() => "verified", () => "refused"))
      assert.strictEqual(outcome, "refused")
    }))
})

describe("form encoding of T1 data", () => {
  it("matches URLSearchParams for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        assert.strictEqual(`k=${formEncode(text)}`, new URLSearchParams([["k", text]]).toString())
      }),
      { numRuns: 1000 }
    )
  })
})
