import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { OpenTokConfig, projectId } from "../OpenTokConfig.ts"
import type { Service as ConfigService } from "../OpenTokConfig.ts"
import {
  AuthenticationFailed,
  BadRequest,
  RateLimited,
  type RequestError,
  RequestTimeout,
  ServerError,
  TransportError,
  UnexpectedResponse
} from "../OpenTokError.ts"
import { authorizationHeader, secretHeaderNames } from "./projectAuth.ts"
import { sdkVersion } from "./version.ts"

/** A complete answer, body read. */
export interface RawResponse {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: string
}

/** What a failed answer said, before it becomes a tagged error. */
export interface Failure {
  readonly operation: string
  readonly status: number
  readonly code?: number
  readonly platformMessage?: string
  readonly requestId?: string
  readonly retryAfterMillis?: number
}

export interface Endpoint<A, E> {
  /** `Namespace.operation`, carried by every error and span. */
  readonly operation: string
  /**
   * The request, its path relative to the base URL. Given the project's path prefix
   * (`/v2/project/{apiKey or applicationId}`) for the endpoints under it.
   */
  readonly request: (projectPath: string) => HttpClientRequest.HttpClientRequest
  readonly decode: (response: RawResponse, operation: string) => Effect.Effect<A, UnexpectedResponse>
  /**
   * The endpoint's own reading of a failed answer (a 404 that means "archive not found", a 409 that
   * means "session not routed"). Answers it leaves undefined get the shared mapping.
   */
  readonly onFailure?: (failure: Failure) => E | undefined
}

const baseUserAgent = `effect-opentok/${sdkVersion} node/${process.versions.node}`

const userAgentOf = (config: ConfigService): string =>
  Option.match(config.userAgentSuffix, { onNone: () => baseUserAgent, onSome: (s) => `${baseUserAgent} ${s}` })

const redactSecretHeaders = (names: ReadonlyArray<string | RegExp>) => [...names, ...secretHeaderNames]

/** Reads `Retry-After` as seconds or as an HTTP date. */
const parseRetryAfter = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMillis)
}

export const xmlField = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]

const maxMessageLength = 500

/** Error fields stay readable whatever the server sent. */
const clip = (text: string): string =>
  text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}... (${text.length} characters)` : text

/** Reads the platform's error body: JSON `{code, message, description}`, XML `errorPayload`, or text. */
const readFailure = (operation: string, response: RawResponse, nowMillis: number): Failure => {
  let code: number | undefined
  let platformMessage: string | undefined
  const body = response.body.trim()
  if (body.startsWith("<")) {
    const xmlCode = xmlField(body, "code")
    code = xmlCode === undefined || Number.isNaN(Number(xmlCode)) ? undefined : Number(xmlCode)
    const xmlMessage = xmlField(body, "message")
    platformMessage = xmlMessage === undefined ? undefined : clip(xmlMessage)
  } else if (body !== "") {
    try {
      const parsed: unknown = JSON.parse(body)
      if (typeof parsed === "object" && parsed !== null) {
        const fields = parsed as Record<string, unknown>
        code = typeof fields.code === "number" ? fields.code : undefined
        platformMessage = typeof fields.message === "string" ? clip(fields.message) : undefined
      }
    } catch {
      platformMessage = clip(body)
    }
  }
  const requestId = response.headers["x-request-id"]
  const retryAfterMillis = parseRetryAfter(response.headers["retry-after"], nowMillis)
  return {
    operation,
    status: response.status,
    ...(code === undefined ? {} : { code }),
    ...(platformMessage === undefined ? {} : { platformMessage }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMillis === undefined ? {} : { retryAfterMillis })
  }
}

/** The fields every HTTP-derived error carries, from a failure. */
export const responseFields = (failure: Failure) => {
  const { retryAfterMillis: _retryAfter, ...fields } = failure
  return fields
}

/** Encodes an id for a path segment. */
export const segment = (id: string): string => encodeURIComponent(id)

/** The mapping every endpoint shares: the statuses whose meaning does not depend on the resource. */
const sharedFailure = (failure: Failure): BadRequest | RequestError => {
  const fields = responseFields(failure)
  const status = failure.status
  if (status === 400 || status === 413) return new BadRequest(fields)
  if (status === 401 || status === 403) return new AuthenticationFailed(fields)
  if (status === 429) return new RateLimited(failure)
  if (status >= 500 && status <= 599) return new ServerError(failure)
  return new UnexpectedResponse({
    operation: failure.operation,
    status,
    expected: "a success status",
    detail: failure.platformMessage ?? "no explanation in the body",
    ...(failure.requestId === undefined ? {} : { requestId: failure.requestId })
  })
}

const send = (
  operation: string,
  request: (projectPath: string) => HttpClientRequest.HttpClientRequest
): Effect.Effect<RawResponse, RequestError, OpenTokConfig | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const config = yield* OpenTokConfig
    const client = yield* HttpClient.HttpClient
    const fetchOptions = yield* Effect.serviceOption(FetchHttpClient.RequestInit)
    const [authName, authValue] = yield* authorizationHeader(config.credentials)
    const prepared = request(`/v2/project/${segment(projectId(config.credentials))}`).pipe(
      HttpClientRequest.prependUrl(config.baseUrl),
      HttpClientRequest.setHeaders({
        accept: "application/json",
        "user-agent": userAgentOf(config),
        [authName]: authValue
      })
    )
    return yield* client.execute(prepared).pipe(
      Effect.flatMap((response) =>
        Effect.map(response.text, (body): RawResponse => ({ status: response.status, headers: response.headers, body }))
      ),
      Effect.mapError((error) =>
        new TransportError({
          operation,
          url: prepared.url,
          // A RequestError means no answer began; a ResponseError, that the answer broke off.
          phase: error._tag === "RequestError" ? "request" : "response",
          detail: describeCause(error.cause) ?? error.reason
        })
      ),
      // A redirect would carry the auth header to wherever it points: the platform never redirects,
      // so a 3xx is answered as it stands, and becomes an UnexpectedResponse.
      Effect.provideService(FetchHttpClient.RequestInit, {
        ...Option.getOrElse(fetchOptions, () => ({})),
        redirect: "manual"
      }),
      Effect.timeoutFail({
        duration: config.timeout,
        onTimeout: () => new RequestTimeout({ operation, timeoutMillis: Duration.toMillis(config.timeout) })
      }),
      Effect.locallyWith(Headers.currentRedactedNames, redactSecretHeaders)
    )
  })

// fetch reports a refused connection as `TypeError: fetch failed` with the real reason in `cause`.
const describeCause = (cause: unknown): string | undefined => {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause)
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
  return `${cause.message}${inner}`
}

/**
 * Sends one request to the platform and reads the answer: the single place where statuses and
 * transport failures become tagged errors.
 */
export const execute = <A, E = never>(
  endpoint: Endpoint<A, E>
): Effect.Effect<A, E | BadRequest | RequestError, OpenTokConfig | HttpClient.HttpClient> =>
  Effect.flatMap(send(endpoint.operation, endpoint.request), (response) => {
    if (response.status >= 200 && response.status < 300) return endpoint.decode(response, endpoint.operation)
    const failure = readFailure(endpoint.operation, response, Date.now())
    return Effect.fail(endpoint.onFailure?.(failure) ?? sharedFailure(failure))
  })

/** Builds the `UnexpectedResponse` for a body that is present but of the wrong shape. */
export const unexpected = (response: RawResponse, operation: string, expected: string, detail: string) =>
  new UnexpectedResponse({
    operation,
    status: response.status,
    expected,
    detail,
    ...(response.headers["x-request-id"] === undefined ? {} : { requestId: response.headers["x-request-id"] })
  })

/** Decodes a JSON body with a schema; anything else is an `UnexpectedResponse` saying what was expected. */
export const json = <A, I>(schema: Schema.Schema<A, I>, expected: string) => {
  const decode = Schema.decodeUnknown(schema)
  return (response: RawResponse, operation: string): Effect.Effect<A, UnexpectedResponse> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(response.body)
    } catch {
      return Effect.fail(unexpected(response, operation, expected, `the body is not JSON: ${excerpt(response.body)}`))
    }
    return Effect.mapError(
      decode(parsed),
      (error) => unexpected(response, operation, expected, clip(ParseResult.TreeFormatter.formatErrorSync(error)))
    )
  }
}

/** For answers whose body carries nothing (204, or an acknowledgement the SDK does not need). */
export const ignoreBody = (): Effect.Effect<void> => Effect.void

export const excerpt = (body: string): string =>
  body.length === 0 ? "(empty)" : JSON.stringify(body.length > 120 ? `${body.slice(0, 120)}...` : body)
