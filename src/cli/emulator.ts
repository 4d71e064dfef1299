/**
 * Runs the emulator until interrupted:
 *
 *   npm run emulator -- [--port 4010] [--api-key 47000000] [--api-secret <secret>]
 *   npm run emulator -- --application-id <uuid> [--private-key-path <pem file>]
 *
 * Prints the URL and the credentials to give to any OpenTok or Vonage SDK. With an application id
 * and no key file, it makes a key and writes it to a temporary file.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import * as Emulator from "../Emulator.ts"

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env["EMULATOR_PORT"] ?? "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "api-key": { type: "string", default: process.env["EMULATOR_API_KEY"] ?? Emulator.defaultApiKey },
    "api-secret": { type: "string", default: process.env["EMULATOR_API_SECRET"] },
    "application-id": { type: "string" },
    "private-key-path": { type: "string" }
  }
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected 0 to 65535, got ${values.port}`)
  process.exit(2)
}

const writeKey = (pem: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), "opentok-emulator-")), "private.key")
  writeFileSync(path, pem, { mode: 0o600 })
  return path
}

const main = Effect.gen(function*() {
  const applicationId = values["application-id"]
  const keyPath = applicationId === undefined
    ? undefined
    : values["private-key-path"] ?? writeKey(Redacted.value(Emulator.generatePrivateKey()))
  const emulator = yield* Emulator.make({
    port,
    host: values.host,
    ...(applicationId === undefined || keyPath === undefined
      ? {
        apiKey: values["api-key"],
        apiSecret: values["api-secret"] === undefined ? undefined : Redacted.make(values["api-secret"])
      }
      : { applicationId, privateKey: Redacted.make(readFileSync(keyPath, "utf8")) })
  })
  // The emulator's secret is a throwaway test value, printed on purpose so other SDKs can use it.
  yield* Console.log(`OpenTok emulator listening on ${emulator.url}`)
  yield* Console.log(`  OPENTOK_API_URL=${emulator.url}`)
  const { credentials } = emulator
  if (credentials._tag === "ApiKey") {
    yield* Console.log(`  OPENTOK_API_KEY=${credentials.apiKey}`)
    yield* Console.log(`  OPENTOK_API_SECRET=${Redacted.value(credentials.apiSecret)}`)
  } else {
    yield* Console.log(`  VONAGE_APPLICATION_ID=${credentials.applicationId}`)
    yield* Console.log(`  VONAGE_PRIVATE_KEY_PATH=${keyPath}`)
  }
  return yield* Effect.never
})

NodeRuntime.runMain(Effect.scoped(main))
