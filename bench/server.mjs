// The one server every REST contender talks to in the benchmark: plain node:http, answering the
// platform's bodies for signal (204) and archive start / stop (200 with an archive). It checks
// nothing, so it costs the same whoever calls it. Prints its port, then serves until killed.
import { createServer } from "node:http"

const archive = (status) =>
  JSON.stringify({
    id: "a1b2c3d4-0000-4000-8000-00000000a001",
    status,
    name: "bench",
    reason: status === "stopped" ? "user initiated" : "",
    sessionId: "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-",
    projectId: 87654321,
    createdAt: 1700000001000,
    updatedAt: 1700000001200,
    size: 0,
    duration: 0,
    outputMode: "composed",
    streamMode: "auto",
    hasAudio: true,
    hasVideo: true,
    hasTranscription: false,
    sha256sum: "",
    password: "",
    event: "archive",
    resolution: "640x480",
    url: null
  })
const started = archive("started")
const stopped = archive("stopped")

const server = createServer((req, res) => {
  req.on("data", () => {})
  req.on("end", () => {
    if (req.url.endsWith("/signal")) {
      res.writeHead(204)
      res.end()
    } else if (req.url.endsWith("/stop")) {
      res.writeHead(200, { "content-type": "application/json" })
      res.end(stopped)
    } else if (req.url.endsWith("/archive")) {
      res.writeHead(200, { "content-type": "application/json" })
      res.end(started)
    } else {
      res.writeHead(404, { "content-type": "application/json" })
      res.end("{\"code\":404,\"message\":\"Resource not found\"}")
    }
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => console.log(server.address().port))
