import * as Context from "effect/Context"
import type * as Redacted from "effect/Redacted"
import { type KeyObject, randomBytes } from "node:crypto"
import * as SessionId from "../../SessionId.ts"

/** A request as the emulator received it, kept so tests can assert what a backend sent. */
export interface RecordedRequest {
  readonly method: string
  /** Path and query, e.g. `/v2/project/47000000/archive?offset=0`. */
  readonly url: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

export interface EmulatedConnection {
  readonly connectionId: string
  readonly data: string
  readonly createdAt: number
}

export interface EmulatedStream {
  readonly streamId: string
  readonly connectionId: string
  readonly name: string
  readonly videoType: "camera" | "screen"
  readonly hasAudio: boolean
  readonly hasVideo: boolean
  layoutClassList: Array<string>
}

export interface EmulatedSession {
  readonly sessionId: string
  readonly mediaMode: "relayed" | "routed"
  readonly archiveMode: "manual" | "always"
  readonly location: string | undefined
  readonly e2ee: boolean
  readonly archiveName: string | undefined
  readonly archiveResolution: string | undefined
  readonly createdAt: number
  readonly connections: Map<string, EmulatedConnection>
  readonly streams: Map<string, EmulatedStream>
}

export interface ArchivedStreamState {
  readonly streamId: string
  hasAudio: boolean
  hasVideo: boolean
}

export interface EmulatedArchive {
  readonly id: string
  readonly sessionId: string
  readonly name: string | null
  readonly createdAt: number
  updatedAt: number
  status: "started" | "stopped" | "available" | "deleted"
  reason: string
  stoppedAt: number | undefined
  readonly outputMode: "composed" | "individual"
  readonly streamMode: "auto" | "manual"
  readonly resolution: string | undefined
  readonly hasAudio: boolean
  readonly hasVideo: boolean
  readonly hasTranscription: boolean
  readonly multiArchiveTag: string | undefined
  readonly maxBitrate: number | undefined
  readonly quantizationParameter: number | undefined
  layout: Record<string, string>
  readonly streams: Array<ArchivedStreamState>
}

/** A failure the emulator answers instead of the real thing, to let tests meet the platform's bad days. */
export interface Fault {
  readonly status: number
  /** The raw body; default the platform's JSON error body for the status. */
  readonly body?: string | undefined
  /** Seconds, sent as `Retry-After`. */
  readonly retryAfter?: number | undefined
  /** How many requests get it. */
  remaining: number
}

/**
 * The emulator's whole state, in memory. Plain mutable maps are enough: every handler runs to
 * completion on the one JavaScript thread, so no two requests interleave inside a change.
 */
export class Store {
  readonly sessions = new Map<string, EmulatedSession>()
  readonly archives = new Map<string, EmulatedArchive>()
  readonly requests: Array<RecordedRequest> = []
  readonly faults: Array<Fault> = []
  private clockOffset = 0

  constructor(
    /** The API key, or the application id, the emulator answers to. */
    readonly projectId: string,
    /** What REST calls must be signed with. */
    readonly auth:
      | { readonly _tag: "ApiKey"; readonly apiSecret: Redacted.Redacted<string> }
      | { readonly _tag: "Application"; readonly publicKey: KeyObject },
    /** How long a stopped archive takes to become available, in emulator time. */
    readonly archiveProcessingMillis: number
  ) {}

  /** The emulator's clock: wall time, moved on by `advance`. */
  now(): number {
    return Date.now() + this.clockOffset
  }

  advance(millis: number): void {
    this.clockOffset += millis
  }

  newSessionId(location: string | undefined): string {
    return SessionId.encode({
      prefix: "2_",
      apiKey: this.projectId,
      location,
      createdAt: this.now(),
      random: randomBytes(9).toString("base64url")
    })
  }
}

export class EmulatorStore extends Context.Tag("effect-opentok/internal/EmulatorStore")<EmulatorStore, Store>() {}
