import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { isIPv4 } from "node:net"
import { Resolution } from "../../Sessions.ts"
import { authenticate, platformError, wantsJson } from "./http.ts"
import { type EmulatedSession, EmulatorStore } from "./store.ts"

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const twoDigits = (n: number) => String(n).padStart(2, "0")

/** The platform writes `create_dt` as Java's `Date.toString()` does. */
const javaDateText = (millis: number): string => {
  const d = new Date(millis)
  const time = `${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())}`
  return `${weekdays[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${
    twoDigits(d.getUTCDate())
  } ${time} UTC ${d.getUTCFullYear()}`
}

const badRequest = (message: string) => platformError(400, 400, message)

/** Reads the form as the platform does, answering 400 for the combinations it refuses. */
const readSession = (form: URLSearchParams, store: EmulatorStore["Type"]): EmulatedSession | string => {
  const archiveMode = form.get("archiveMode") ?? "manual"
  const preference = form.get("p2p.preference") ?? "enabled"
  const location = form.get("location") ?? undefined
  const e2ee = form.get("e2ee")
  const archiveName = form.get("archiveName") ?? undefined
  const archiveResolution = form.get("archiveResolution") ?? undefined
  if (archiveMode !== "manual" && archiveMode !== "always") return "Invalid archive mode"
  if (preference !== "enabled" && preference !== "disabled") return "Invalid p2p preference"
  if (archiveMode === "always" && preference !== "disabled") return "Archive mode always needs a routed session"
  if (location !== undefined && !isIPv4(location)) return "Invalid location"
  if (e2ee !== null && e2ee !== "true" && e2ee !== "false") return "Invalid e2ee"
  if (archiveName !== undefined && (archiveMode !== "always" || archiveName.length < 1 || archiveName.length > 80)) {
    return "Invalid archive name"
  }
  if (
    archiveResolution !== undefined &&
    (archiveMode !== "always" || !(Resolution.literals as ReadonlyArray<string>).includes(archiveResolution))
  ) {
    return "Invalid archive resolution"
  }
  if (e2ee === "true" && (preference !== "disabled" || archiveMode === "always")) {
    return "End-to-end encryption needs a routed session without automatic archiving"
  }
  return {
    sessionId: store.newSessionId(location),
    mediaMode: preference === "disabled" ? "routed" : "relayed",
    archiveMode,
    location,
    e2ee: e2ee === "true",
    archiveName,
    archiveResolution,
    createdAt: store.now(),
    connections: new Map(),
    streams: new Map()
  }
}

const createSession = authenticate(Effect.gen(function*() {
  const store = yield* EmulatorStore
  const request = yield* HttpServerRequest.HttpServerRequest
  const form = new URLSearchParams(yield* Effect.orElseSucceed(request.text, () => ""))
  const session = readSession(form, store)
  if (typeof session === "string") return badRequest(session)
  store.sessions.set(session.sessionId, session)

  const createDt = javaDateText(session.createdAt)
  if (yield* wantsJson) {
    return HttpServerResponse.unsafeJson([{
      session_id: session.sessionId,
      project_id: store.projectId,
      partner_id: store.projectId,
      create_dt: createDt,
      media_server_url: ""
    }])
  }
  return HttpServerResponse.text(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sessions><Session>` +
      `<session_id>${session.sessionId}</session_id><partner_id>${store.projectId}</partner_id>` +
      `<create_dt>${createDt}</create_dt></Session></sessions>`,
    { contentType: "application/xml" }
  )
}))

export const routes = HttpRouter.empty.pipe(HttpRouter.post("/session/create", createSession))
