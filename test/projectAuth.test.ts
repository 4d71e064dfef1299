import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { decodeJwt } from "jose"
import { authorizationHeader } from "../src/internal/projectAuth.ts"
import * as OpenTokConfig from "../src/OpenTokConfig.ts"
import { vectorKey, vectorSecret } from "./support/harness.ts"

describe("the project JWT", () => {
  it.effect("is reused for under a minute, then minted afresh; never presented near its expiry", () =>
    Effect.gen(function*() {
      const { credentials } = yield* OpenTokConfig.make({ apiKey: vectorKey, apiSecret: vectorSecret })
      yield* TestClock.setTime(1_700_000_000_000)
      const [name, first] = yield* authorizationHeader(credentials)
      assert.strictEqual(name, "x-opentok-auth")
      yield* TestClock.adjust(Duration.seconds(59))
      assert.strictEqual((yield* authorizationHeader(credentials))[1], first)
      yield* TestClock.adjust(Duration.seconds(1))
      const [, second] = yield* authorizationHeader(credentials)
      assert.notStrictEqual(second, first)
      const claims = decodeJwt(second)
      assert.strictEqual(claims.iat, 1_700_000_060)
      assert.strictEqual(claims.exp, 1_700_000_060 + 180)
    }))

  it.effect("is not shared between two configurations", () =>
    Effect.gen(function*() {
      const a = yield* OpenTokConfig.make({ apiKey: vectorKey, apiSecret: vectorSecret })
      const b = yield* OpenTokConfig.make({ apiKey: "11112222", apiSecret: vectorSecret })
      const [, tokenA] = yield* authorizationHeader(a.credentials)
      const [, tokenB] = yield* authorizationHeader(b.credentials)
      assert.strictEqual(decodeJwt(tokenA).iss, vectorKey)
      assert.strictEqual(decodeJwt(tokenB).iss, "11112222")
    }))
})
