import * as Effect from "effect/Effect"
import * as Emulator from "../../src/Emulator.ts"
import * as Sessions from "../../src/Sessions.ts"

/** A routed session on the emulator with one connected client publishing one stream. */
export const liveSession = (options: Sessions.CreateOptions = { mediaMode: "routed" }) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const { sessionId } = yield* Sessions.create(options)
    const connectionId = yield* emulator.connect(sessionId, { data: "user=1" })
    const streamId = yield* emulator.publish(sessionId, connectionId, { name: "camera" })
    return { sessionId, connectionId, streamId }
  })
