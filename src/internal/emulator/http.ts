import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { errors as JoseErrors, jwtVerify } from "jose"
import type { KeyObject } from "node:crypto"
import { EmulatorStore, type Store } from "./store.ts"

/** The platform's JSON error body: `{code, message, description}`. */
export const platformError = (status: number, code: number, message: string) =>
  HttpServerResponse.unsafeJson({ code, message, description: message }, { status })

export const notFound = platformError(404, 404, "Resource not found")

const forbidden = (message: string) => platformError(403, -1, message)

const authFailure = (error: unknown): string => {
  if (error instanceof JoseErrors.JWTExpired) return "Token expired"
  if (error instanceof JoseErrors.JWSSignatureVerificationFailed) return "Invalid signature"
  if (error instanceof JoseErrors.JWTClaimValidationFailed) return `Invalid claim: ${error.claim}`
  return "Invalid token format"
}

const verify = (token: string, key: Uint8Array | KeyObject, algorithm: "HS256" | "RS256") =>
  Effect.promise(() =>
    jwtVerify(token, key, { algorithms: [algorithm], requiredClaims: ["iat", "exp"] }).then(
      (result) => ({ ok: true as const, claims: result.payload }),
      (error: unknown) => ({ ok: false as const, error })
    )
  )

/**
 * Checks `X-OPENTOK-AUTH` as the platform does, in its order: the issuer's format, then that the
 * issuer is this project, then the signature and lifetime, then the token type.
 */
const checkProjectJwt = (store: Store, token: string | undefined) =>
  Effect.gen(function*() {
    if (store.auth._tag !== "ApiKey") return forbidden("This project takes application credentials")
    if (token === undefined || token === "") return forbidden("Authentication token is missing")
    const verified = yield* verify(token, new TextEncoder().encode(Redacted.value(store.auth.apiSecret)), "HS256")
    const issuer = verified.ok ? verified.claims.iss : issuerOf(token)
    if (issuer !== undefined && !/^\d+$/.test(issuer)) return forbidden("Invalid issuer format")
    if (issuer !== undefined && issuer !== store.projectId) return forbidden("Issuer not found")
    if (!verified.ok) return forbidden(authFailure(verified.error))
    if (verified.claims.ist !== "project") return forbidden("Invalid token type")
    return undefined
  })

/** Checks `Authorization: Bearer` as Vonage does: an RS256 JWT of this application, in date. */
const checkApplicationJwt = (store: Store, authorization: string | undefined) =>
  Effect.gen(function*() {
    if (store.auth._tag !== "Application") return forbidden("This project takes API key credentials")
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1]
    const unauthorized = (message: string) => platformError(401, 401, message)
    if (token === undefined) return unauthorized("Missing or malformed Authorization header")
    const verified = yield* verify(token, store.auth.publicKey, "RS256")
    if (!verified.ok) return unauthorized(authFailure(verified.error))
    if (verified.claims.application_id !== store.projectId) return forbidden("Invalid application id")
    return undefined
  })

/** Runs the handler only for a request signed as this project's credentials require. */
export const authenticate = <E, R>(
  handler: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, E, R | EmulatorStore | HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function*() {
    const store = yield* EmulatorStore
    const request = yield* HttpServerRequest.HttpServerRequest
    const refusal = store.auth._tag === "ApiKey"
      ? yield* checkProjectJwt(store, request.headers["x-opentok-auth"])
      : yield* checkApplicationJwt(store, request.headers["authorization"])
    return refusal ?? (yield* handler)
  })

const issuerOf = (token: string): string | undefined => {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"))
    const iss = typeof payload === "object" && payload !== null ? (payload as { iss?: unknown }).iss : undefined
    return typeof iss === "string" ? iss : undefined
  } catch {
    return undefined
  }
}

/** True when the client asked for JSON; without it the platform answers some routes in XML. */
export const wantsJson = Effect.map(
  HttpServerRequest.HttpServerRequest,
  (request) => (request.headers["accept"] ?? "").includes("application/json")
)

/** An answer of the emulator's domain logic, before it becomes an HTTP response. */
export type Answer =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly error: string; readonly code?: number }
  | { readonly status: 204 }

export const fail = (status: number, error: string, code?: number): Answer =>
  code === undefined ? { status, error } : { status, error, code }

export const respond = (answer: Answer): HttpServerResponse.HttpServerResponse => {
  if ("json" in answer) return HttpServerResponse.unsafeJson(answer.json, { status: answer.status })
  if ("error" in answer) return platformError(answer.status, answer.code ?? answer.status, answer.error)
  return HttpServerResponse.empty({ status: 204 })
}

/** The request's JSON body as a record, or undefined when it is not a JSON object. */
export const jsonBody = Effect.gen(function*() {
  const request = yield* HttpServerRequest.HttpServerRequest
  const text = yield* Effect.orElseSucceed(request.text, () => "")
  try {
    const value: unknown = JSON.parse(text === "" ? "{}" : text)
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value as Record<string, unknown>
      : undefined
  } catch {
    return undefined
  }
})

/**
 * A route under `/v2/project/:project/`: authenticated, and the project in the path must be the
 * one the token was issued for. The handler gets the path parameters.
 */
export const projectRoute = <E, R>(
  handler: (params: Readonly<Record<string, string | undefined>>) => Effect.Effect<Answer, E, R>
) =>
  authenticate(Effect.gen(function*() {
    const store = yield* EmulatorStore
    const params = yield* HttpRouter.params
    if (params["project"] !== store.projectId) {
      return platformError(403, -1, "Project does not match the token's issuer")
    }
    return respond(yield* handler(params))
  }))
