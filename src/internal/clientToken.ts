import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import type { Credentials } from "../OpenTokConfig.ts"
import { signProjectJwt } from "./jwt.ts"

/** Everything a client token says, already checked. */
export interface TokenClaims {
  readonly sessionId: string
  readonly role: string
  readonly issuedAt: number
  readonly expiresAt: number
  readonly nonce: number
  readonly connectionData?: string | undefined
  readonly initialLayoutClassList?: string | undefined
}

/** The legacy `T1==` token: an HMAC-SHA1 over a form-encoded data string, both base64-wrapped. */
export const signT1 = (apiKey: string, apiSecret: Redacted.Redacted<string>, claims: TokenClaims): string => {
  const data = new URLSearchParams([
    ["session_id", claims.sessionId],
    ["create_time", String(claims.issuedAt)],
    ["expire_time", String(claims.expiresAt)],
    ["role", claims.role],
    ["nonce", String(claims.nonce)]
  ])
  if (claims.initialLayoutClassList !== undefined) {
    data.append("initial_layout_class_list", claims.initialLayoutClassList)
  }
  if (claims.connectionData !== undefined) data.append("connection_data", claims.connectionData)
  const dataString = data.toString()
  const sig = createHmac("sha1", Redacted.value(apiSecret)).update(dataString, "utf8").digest("hex")
  return `T1==${Buffer.from(`partner_id=${apiKey}&sig=${sig}:${dataString}`, "utf8").toString("base64")}`
}

/** The JWT client token of an OpenTok project, HS256 with the API secret. */
export const signJwt = (credentials: Credentials, claims: TokenClaims): Promise<string> =>
  signProjectJwt(
    credentials,
    {
      ist: "project",
      nonce: claims.nonce,
      role: claims.role,
      scope: "session.connect",
      session_id: claims.sessionId,
      ...(claims.connectionData === undefined ? {} : { connection_data: claims.connectionData }),
      ...(claims.initialLayoutClassList === undefined
        ? {}
        : { initial_layout_class_list: claims.initialLayoutClassList })
    },
    claims.issuedAt,
    claims.expiresAt
  )
