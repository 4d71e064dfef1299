/**
 * Record a session on the embedded emulator, wait for the recording to become available, list the
 * session's archives and delete the recording.
 *
 *   npm run example:archives
 *
 * The emulator stands in for the platform and for the clients: a simulated client connects and
 * publishes, since an archive needs someone in the session.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Emulator from "../src/Emulator.ts"
import { Archives, Sessions } from "../src/index.ts"

const program = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  yield* Console.log(`Emulator at ${emulator.url}`)

  const { sessionId } = yield* Sessions.create({ mediaMode: "routed" })
  const connectionId = yield* emulator.connect(sessionId, { data: "name=Alice" })
  yield* emulator.publish(sessionId, connectionId, { name: "Alice's camera" })
  yield* Console.log(`1. Routed session ${sessionId}, with one client publishing`)

  const archive = yield* Archives.start(sessionId, { name: "example", resolution: "1280x720" })
  yield* Console.log(`2. Archive ${archive.id} is ${archive.status}`)

  const stopped = yield* Archives.stop(archive.id)
  yield* Console.log(`3. Stopped: status ${stopped.status}, reason "${stopped.reason}"`)

  // The platform takes a while to process a recording; on the emulator, time is ours to move.
  yield* emulator.advanceClock(Duration.seconds(5))
  const available = yield* Archives.get(archive.id).pipe(
    Effect.delay(Duration.millis(100)),
    Effect.repeat({ until: (a) => a.isAvailable }),
    Effect.timeout(Duration.seconds(10))
  )
  yield* Console.log(`4. Available: ${available.size} bytes, ${available.duration} s, at ${available.url}`)

  const page = yield* Archives.list({ sessionId, count: 10 })
  yield* Console.log(`5. The session has ${page.count} archive(s): ${page.items.map((a) => a.id).join(", ")}`)

  yield* Archives.delete(archive.id)
  yield* Console.log(`6. Deleted; its status is now ${(yield* Archives.get(archive.id)).status}`)
})

program.pipe(
  Effect.provide(Layer.merge(Emulator.layerWithConfig(), FetchHttpClient.layer)),
  NodeRuntime.runMain
)
