import * as Context from "effect/Context"
import type * as Redacted from "effect/Redacted"
import { randomBytes } from "node:crypto"
import * as SessionId from "../../SessionId.ts"

export interface EmulatedSession {
  readonly sessionId: string
  readonly mediaMode: "relayed" | "routed"
  readonly archiveMode: "manual" | "always"
  readonly location: string | undefined
  readonly e2ee: boolean
  readonly archiveName: string | undefined
  readonly archiveResolution: string | undefined
  readonly createdAt: number
}

/** A request as the emulator received it, kept so tests can assert what a backend sent. */
export interface RecordedRequest {
  readonly method: string
  /** Path and query, e.g. `/v2/project/47000000/archive?offset=0`. */
  readonly url: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/**
 * The emulator's whole state, in memory. Plain mutable maps are enough: every handler runs to
 * completion on the one JavaScript thread, so no two requests interleave inside a change.
 */
export class Store {
  readonly sessions = new Map<string, EmulatedSession>()
  readonly requests: Array<RecordedRequest> = []

  constructor(
    readonly apiKey: string,
    readonly apiSecret: Redacted.Redacted<string>,
    /** The clock resources age by; tests may replace it to move time on. */
    public now: () => number = Date.now
  ) {}

  newSessionId(location: string | undefined): string {
    return SessionId.encode({
      prefix: "2_",
      apiKey: this.apiKey,
      location,
      createdAt: this.now(),
      random: randomBytes(9).toString("base64url")
    })
  }
}

export class EmulatorStore extends Context.Tag("effect-opentok/internal/EmulatorStore")<EmulatorStore, Store>() {}
