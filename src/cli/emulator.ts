/**
 * Runs the emulator until interrupted:
 *
 *   npm run emulator -- [--port 4010] [--api-key 47000000] [--api-secret <secret>]
 *
 * Prints the URL, key and secret to give to any OpenTok SDK.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { parseArgs } from "node:util"
import * as Emulator from "../Emulator.ts"

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env["EMULATOR_PORT"] ?? "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "api-key": { type: "string", default: process.env["EMULATOR_API_KEY"] ?? Emulator.defaultApiKey },
    "api-secret": { type: "string", default: process.env["EMULATOR_API_SECRET"] }
  }
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected 0 to 65535, got ${values.port}`)
  process.exit(2)
}

const main = Effect.gen(function*() {
  const emulator = yield* Emulator.make({
    port,
    host: values.host,
    apiKey: values["api-key"],
    apiSecret: values["api-secret"] === undefined ? undefined : Redacted.make(values["api-secret"])
  })
  // The emulator's secret is a throwaway test value, printed on purpose so other SDKs can use it.
  yield* Console.log(`OpenTok emulator listening on ${emulator.url}`)
  yield* Console.log(`  OPENTOK_API_URL=${emulator.url}`)
  const { credentials } = emulator
  if (credentials._tag === "ApiKey") {
    yield* Console.log(`  OPENTOK_API_KEY=${credentials.apiKey}`)
    yield* Console.log(`  OPENTOK_API_SECRET=${Redacted.value(credentials.apiSecret)}`)
  }
  return yield* Effect.never
})

NodeRuntime.runMain(Effect.scoped(main))
