import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import fc from "fast-check"
import * as SessionId from "../src/SessionId.ts"

const decoded = (id: string) => Either.getOrThrowWith(SessionId.decode(id), (reason) => new Error(reason))

describe("SessionId", () => {
  it("reads the contract's worked example", () => {
    const info = decoded("1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-")
    assert.strictEqual(info.prefix, "1_")
    assert.strictEqual(info.apiKey, "87654321")
    assert.deepStrictEqual(info.location, Option.none())
    assert.deepStrictEqual(info.createdAt, Option.some(new Date(1_700_000_000_000)))
    assert.strictEqual(info.random, "Zx9Qm2Lk")
  })

  it("reads the harder example: `_` in the body and a missing `=`", () => {
    const info = decoded("2_MX44NzY1NDMyMX4yMDMuMC4xMTMuN34xNzAwMDAwMDAwMDAwfnE_Pld6fn4")
    assert.strictEqual(info.apiKey, "87654321")
    assert.deepStrictEqual(info.location, Option.some("203.0.113.7"))
    assert.strictEqual(info.random, "q?>Wz")
    const padded = decoded(`${info.sessionId}=`)
    assert.deepStrictEqual({ ...padded, sessionId: info.sessionId }, info)
  })

  it("reads an old id whose creation field is a Java date text", () => {
    const id = "1_" + Buffer.from("1~87654321~~Tue Nov 14 22:13:20 PST 2023~abc~~").toString("base64url")
    const info = decoded(id)
    assert.strictEqual(info.createdAtText, "Tue Nov 14 22:13:20 PST 2023")
    assert.deepStrictEqual(info.createdAt, Option.some(new Date("2023-11-15T06:13:20Z")))
  })

  it("checks ownership by the key field, never a substring", () => {
    const id = SessionId.encode({ apiKey: "87654321", createdAt: 1, random: "r" })
    assert.isTrue(SessionId.belongsTo(id, "87654321"))
    assert.isFalse(SessionId.belongsTo(id, "8765432"))
    assert.isFalse(SessionId.belongsTo(id, "187654321"))
    assert.isFalse(SessionId.belongsTo("not an id", "87654321"))
  })

  it("refuses what is not a session id", () => {
    for (
      const bad of [
        "",
        "1_",
        "1_a",
        "x_MX44",
        "1_MX44 NzY1",
        "1_====",
        "2_" + Buffer.from("2~k~~1~r").toString("base64url")
      ]
    ) {
      assert.isTrue(Either.isLeft(SessionId.decode(bad)), bad)
    }
  })

  const apiKey = fc.oneof(fc.stringMatching(/^[1-9][0-9]{3,9}$/), fc.uuid())
  const location = fc.option(fc.ipV4(), { nil: undefined })
  const random = fc.string({ unit: "grapheme", minLength: 1, maxLength: 24 }).filter((s) => !s.includes("~"))
  const parts = fc.record({
    prefix: fc.constantFrom("1_" as const, "2_" as const),
    apiKey,
    location,
    createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    random,
    padded: fc.boolean()
  })

  it("round-trips: what encode writes, decode reads back", () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = SessionId.encode(p)
        const info = decoded(id)
        assert.strictEqual(info.prefix, p.prefix)
        assert.strictEqual(info.apiKey, p.apiKey)
        assert.deepStrictEqual(info.location, Option.fromNullable(p.location))
        assert.deepStrictEqual(info.createdAt, Option.some(new Date(p.createdAt)))
        assert.strictEqual(info.random, p.random)
        assert.isTrue(SessionId.belongsTo(id, p.apiKey))
      }),
      { numRuns: 500 }
    )
  })

  it("round-trips: padding does not change what an id says", () => {
    fc.assert(
      fc.property(parts, (p) => {
        const bare = decoded(SessionId.encode({ ...p, padded: false }))
        const padded = decoded(SessionId.encode({ ...p, padded: true }))
        assert.deepStrictEqual({ ...padded, sessionId: "" }, { ...bare, sessionId: "" })
      }),
      { numRuns: 300 }
    )
  })
})
