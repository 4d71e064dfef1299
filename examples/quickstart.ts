/**
 * The quickstart: create a routed session, mint a publisher token for it, and read the token back.
 *
 *   npm start
 *
 * With OPENTOK_API_KEY and OPENTOK_API_SECRET set it talks to that platform (OPENTOK_API_URL
 * overrides the host); without them it starts the embedded emulator and uses it.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { decodeJwt, jwtVerify } from "jose"
import * as Emulator from "../src/Emulator.ts"
import { OpenTokConfig, SessionId, Sessions, Tokens } from "../src/index.ts"

const hasOpenTok = Boolean(process.env["OPENTOK_API_KEY"] && process.env["OPENTOK_API_SECRET"])
const hasVonage = Boolean(
  process.env["VONAGE_APPLICATION_ID"] && (process.env["VONAGE_PRIVATE_KEY"] || process.env["VONAGE_PRIVATE_KEY_PATH"])
)
const useEmulator = !hasOpenTok && !hasVonage

const program = Effect.gen(function*() {
  const config = yield* OpenTokConfig.OpenTokConfig
  yield* Console.log(
    useEmulator
      ? `No OpenTok or Vonage credentials set: using the embedded emulator at ${config.baseUrl}`
      : `Using the platform at ${config.baseUrl}`
  )
  yield* Console.log(
    `${config.credentials._tag === "ApiKey" ? "API key" : "Application id"}: ${
      OpenTokConfig.projectId(config.credentials)
    }`
  )

  const session = yield* Sessions.create({ mediaMode: "routed" })
  yield* Console.log(`\n1. Created a routed session\n   session id: ${session.sessionId}`)
  const info = yield* SessionId.decode(session.sessionId)
  yield* Console.log(
    `   it belongs to project ${info.apiKey}, created ${
      Option.match(info.createdAt, { onNone: () => "(time not recorded)", onSome: (d) => d.toISOString() })
    }`
  )

  const token = yield* Tokens.generate(session.sessionId, { role: "publisher", data: "name=quickstart" })
  yield* Console.log(`\n2. Generated a publisher token\n   ${token}`)

  const claims = decodeJwt(token)
  yield* Console.log("\n3. The token's claims")
  for (const [name, value] of Object.entries(claims)) {
    yield* Console.log(`   ${name.padEnd(16)} ${JSON.stringify(value)}`)
  }
  if (useEmulator && config.credentials._tag === "ApiKey") {
    const secret = new TextEncoder().encode(Redacted.value(config.credentials.apiSecret))
    yield* Effect.promise(() => jwtVerify(token, secret))
    yield* Console.log("\n4. The token's signature verifies with the emulator's secret.")
  }
})

const configLayer = useEmulator ? Emulator.layerWithConfig() : OpenTokConfig.layerFromEnv()

program.pipe(
  Effect.provide(Layer.merge(configLayer, FetchHttpClient.layer)),
  Effect.tapErrorTag("InvalidSessionId", (e) => Console.error(e.message)),
  NodeRuntime.runMain
)
