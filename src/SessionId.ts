/**
 * Reading and writing session ids. A session id is a `1_` or `2_` prefix followed by URL-safe
 * base64 of a `~`-separated record: format marker, API key (or application id), location, creation
 * time and a random part. Reading it tells which project a session belongs to without a request.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"

/**
 * What a session id says about its session.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionIdInfo {
  readonly sessionId: string
  readonly prefix: "1_" | "2_"
  /** The API key (or Vonage application id) of the project that owns the session. */
  readonly apiKey: string
  /** The location hint (an IPv4 address) given when the session was created, if any. */
  readonly location: Option.Option<string>
  /** When the session was created. Old ids hold a date text, new ones epoch milliseconds. */
  readonly createdAt: Option.Option<Date>
  /** The raw creation field, as written in the id. */
  readonly createdAtText: string
  readonly random: string
}

/**
 * The parts needed to write a session id. Used by the emulator; handy for tests.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionIdParts {
  readonly prefix?: "1_" | "2_" | undefined
  readonly apiKey: string
  readonly location?: string | undefined
  /** Epoch milliseconds. */
  readonly createdAt: number
  /** Must not contain `~`. */
  readonly random: string
  /** Keep the `=` padding of the base64 body. Default false, as the platform writes ids. */
  readonly padded?: boolean | undefined
}

const bodyAlphabet = /^[A-Za-z0-9_-]+={0,2}$/

const parseCreatedAt = (text: string): Option.Option<Date> => {
  if (text === "") return Option.none()
  const millis = /^\d+$/.test(text) ? Number(text) : Date.parse(text)
  return Number.isFinite(millis) ? Option.some(new Date(millis)) : Option.none()
}

/**
 * Reads a session id. Fails with a reason when the id is not of the platform's format. Accepts the
 * body with or without `=` padding, and with `_` and `-` anywhere in it.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (sessionId: string): Either.Either<SessionIdInfo, string> => {
  if (typeof sessionId !== "string") return Either.left("is not a string")
  const prefix = sessionId.slice(0, 2)
  if (prefix !== "1_" && prefix !== "2_") return Either.left("does not start with 1_ or 2_")
  const body = sessionId.slice(2)
  if (!bodyAlphabet.test(body) || body.replace(/=+$/, "").length % 4 === 1) {
    return Either.left("is not URL-safe base64")
  }
  const fields = Buffer.from(body, "base64url").toString("utf8").split("~")
  const [marker, apiKey, location, createdAt, random] = fields
  if (marker !== "1" || apiKey === undefined || apiKey === "" || random === undefined) {
    return Either.left("does not hold a session record")
  }
  return Either.right({
    sessionId,
    prefix,
    apiKey,
    location: location === undefined || location === "" ? Option.none() : Option.some(location),
    createdAt: parseCreatedAt(createdAt ?? ""),
    createdAtText: createdAt ?? "",
    random
  })
}

/**
 * Writes a session id in the platform's format, with the two empty trailing fields it adds.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (parts: SessionIdParts): string => {
  const record = ["1", parts.apiKey, parts.location ?? "", String(parts.createdAt), parts.random, "", ""].join("~")
  const body = Buffer.from(record, "utf8").toString("base64url")
  const padding = parts.padded === true ? "=".repeat((4 - (body.length % 4)) % 4) : ""
  return `${parts.prefix ?? "1_"}${body}${padding}`
}

/**
 * True when the session id was issued to the given API key (or application id). Compares the key
 * field itself, never a substring.
 *
 * @since 0.1.0
 * @category predicates
 */
export const belongsTo = (sessionId: string, apiKey: string): boolean =>
  Either.match(decode(sessionId), { onLeft: () => false, onRight: (info) => info.apiKey === apiKey })
