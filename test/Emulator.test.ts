import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { SignJWT } from "jose"
import * as Emulator from "../src/Emulator.ts"
import * as SessionId from "../src/SessionId.ts"
import { vectorKey, vectorSecret } from "./support/harness.ts"

const nowSeconds = () => Math.floor(Date.now() / 1000)

const projectJwt = (
  claims: Record<string, unknown>,
  secret: string = Redacted.value(vectorSecret)
) => {
  const iat = nowSeconds()
  return new SignJWT({ iss: vectorKey, ist: "project", iat, exp: iat + 180, jti: "t", ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret))
}

const call = (
  url: string,
  path: string,
  init: { token?: string; accept?: string; method?: string; body?: string } = {}
) =>
  Effect.promise(async () => {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }
    if (init.token !== undefined) headers["x-opentok-auth"] = init.token
    if (init.accept !== undefined) headers["accept"] = init.accept
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? "POST",
      headers,
      ...(init.body === undefined ? {} : { body: init.body })
    })
    return { status: response.status, type: response.headers.get("content-type"), body: await response.text() }
  })

const started = Emulator.make({ apiKey: vectorKey, apiSecret: vectorSecret })

describe("the emulator checks X-OPENTOK-AUTH like the platform", () => {
  const refusals: ReadonlyArray<[string, () => Promise<string | undefined>, string]> = [
    ["no header", async () => undefined, "Authentication token is missing"],
    ["a token that is not a JWT", async () => "not-a-jwt", "Invalid token format"],
    ["a wrong signature", () => projectJwt({}, "another-secret"), "Invalid signature"],
    ["an issuer that is not a key", () => projectJwt({ iss: "acct-abc" }), "Invalid issuer format"],
    ["another project's key", () => projectJwt({ iss: "11112222" }), "Issuer not found"],
    ["an expired token", () => projectJwt({ iat: nowSeconds() - 600, exp: nowSeconds() - 300 }), "Token expired"],
    ["an account-level token", () => projectJwt({ ist: "account" }), "Invalid token type"]
  ]
  for (const [name, token, message] of refusals) {
    it.scopedLive(`refuses ${name} with 403 and the platform's body`, () =>
      Effect.gen(function*() {
        const emulator = yield* started
        const auth = yield* Effect.promise(token)
        const answer = yield* call(emulator.url, "/session/create", {
          accept: "application/json",
          ...(auth === undefined ? {} : { token: auth })
        })
        assert.strictEqual(answer.status, 403)
        assert.deepStrictEqual(JSON.parse(answer.body), { code: -1, message, description: message })
        assert.strictEqual(emulator.requests().length, 1, "refused requests are still recorded")
      }))
  }

  it.scopedLive("answers unknown routes with the platform's 404 body", () =>
    Effect.gen(function*() {
      const emulator = yield* started
      const answer = yield* call(emulator.url, "/v2/project/87654321/nothing-here", { method: "GET" })
      assert.strictEqual(answer.status, 404)
      assert.deepStrictEqual(JSON.parse(answer.body), {
        code: 404,
        message: "Resource not found",
        description: "Resource not found"
      })
    }))

  it.scopedLive("answers XML to a client that does not ask for JSON, as the platform does", () =>
    Effect.gen(function*() {
      const emulator = yield* started
      const answer = yield* call(emulator.url, "/session/create", {
        token: yield* Effect.promise(() => projectJwt({})),
        body: "p2p.preference=disabled"
      })
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.type, "application/xml")
      const id = /<session_id>([^<]+)<\/session_id>/.exec(answer.body)?.[1]
      assert.isTrue(id !== undefined && SessionId.belongsTo(id, vectorKey))
      assert.include(answer.body, `<partner_id>${vectorKey}</partner_id>`)
    }))

  const badForms: ReadonlyArray<[string, string]> = [
    ["always on a relayed session", "archiveMode=always&p2p.preference=enabled"],
    ["a location that is not IPv4", "location=somewhere"],
    ["an archive name with manual", "archiveMode=manual&p2p.preference=disabled&archiveName=x"],
    ["an unknown resolution", "archiveMode=always&p2p.preference=disabled&archiveResolution=1x1"],
    ["e2ee on a relayed session", "p2p.preference=enabled&e2ee=true"]
  ]
  for (const [name, body] of badForms) {
    it.scopedLive(`answers 400 to ${name}`, () =>
      Effect.gen(function*() {
        const emulator = yield* started
        const answer = yield* call(emulator.url, "/session/create", {
          token: yield* Effect.promise(() => projectJwt({})),
          accept: "application/json",
          body
        })
        assert.strictEqual(answer.status, 400)
        assert.strictEqual(JSON.parse(answer.body).code, 400)
      }))
  }

  it.scopedLive("closes with its scope", () =>
    Effect.gen(function*() {
      const url = yield* Effect.scoped(Effect.map(started, (emulator) => emulator.url))
      const refused = yield* Effect.promise(() => fetch(`${url}/session/create`).then(() => false, () => true))
      assert.isTrue(refused)
    }))
})
