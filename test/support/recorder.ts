// A scripted HTTP server on 127.0.0.1: it records every request and answers as the test says,
// including never answering at all. For what the emulator would not do on purpose.
import * as Effect from "effect/Effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

export interface Reply {
  readonly status: number
  readonly body?: string
  readonly headers?: Record<string, string>
}

export interface Recorder {
  readonly url: string
  readonly requests: Array<Recorded>
}

/** `"hang"` keeps the connection open without a byte of answer. */
export type Script = (request: Recorded, index: number) => Reply | "hang"

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(value),
  headers: { "content-type": "application/json", ...headers }
})

export const recorder = (script: Script) =>
  Effect.acquireRelease(
    Effect.async<{ server: ReturnType<typeof createServer>; recorder: Recorder }>((resume) => {
      const requests: Array<Recorded> = []
      const hanging: Array<ServerResponse> = []
      const server = createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          const recorded = {
            method: req.method ?? "",
            url: req.url ?? "",
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8")
          }
          requests.push(recorded)
          const reply = script(recorded, requests.length - 1)
          if (reply === "hang") {
            hanging.push(res)
            return
          }
          res.writeHead(reply.status, reply.headers ?? {})
          res.end(reply.body ?? "")
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ server, recorder: { url: `http://127.0.0.1:${port}`, requests } }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ recorder }) => recorder))

/** A port on 127.0.0.1 where nothing listens: bound, read, released. */
export const closedPort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})
