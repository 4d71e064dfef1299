// The benchmark: effect-opentok beside the official `opentok` package (and beside the limits,
// raw node:crypto and plain fetch), each comparison in a fresh process with interleaved rounds.
// Prints a table of ratios and writes bench/results.json. Not a test: it never fails CI.
//
//   npm run bench
import { execFileSync, spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { performance } from "node:perf_hooks"

const here = new URL(".", import.meta.url).pathname
const root = new URL("..", import.meta.url).pathname
const startedAt = performance.now()

const startServer = () =>
  new Promise<{ url: string; stop: () => void }>((resolve) => {
    const child = spawn(process.execPath, [`${here}server.mjs`], { stdio: ["ignore", "pipe", "inherit"] })
    child.stdout.once("data", (port: Buffer) =>
      resolve({ url: `http://127.0.0.1:${String(port).trim()}`, stop: () => child.kill() }))
  })

const tsx = (script: string, args: ReadonlyArray<string>, nodeArgs: ReadonlyArray<string> = []) =>
  JSON.parse(
    execFileSync(process.execPath, [...nodeArgs, "--import", "tsx", `${here}${script}`, ...args], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"]
    })
  )

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Milliseconds for a fresh node process to import a module and exit, median of 10, interleaved. */
const importCosts = (modules: Record<string, string>) => {
  const samples: Record<string, Array<number>> = Object.fromEntries(Object.keys(modules).map((k) => [k, []]))
  for (let round = 0; round < 10; round++) {
    for (const [name, code] of Object.entries(modules)) {
      const t = performance.now()
      execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, stdio: "ignore" })
      samples[name]!.push(performance.now() - t)
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
}

console.log("building dist/ for the import measurement...")
execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" })

const server = await startServer()
const jwt = tsx("compare.ts", ["jwt"]).tokens
const t1 = tsx("compare.ts", ["t1"]).tokens
const signal = tsx("compare.ts", ["signal", server.url])
const archive = tsx("compare.ts", ["archive", server.url])
const memory = tsx("memory.ts", [server.url], ["--expose-gc"])
server.stop()

const imports = importCosts({
  "empty process": "",
  "effect + @effect/platform": "await import('effect'); await import('@effect/platform')",
  "effect-opentok": "await import('effect'); await import('@effect/platform'); await import('./dist/index.js')",
  opentok: "await import('opentok')"
})

const rate = (x: { perSecond: number }) => Math.round(x.perSecond)
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100

type Row = [string, string, string, string]
const rows: Array<Row> = []
const goal = (name: string, value: number, target: number, unit = "x", atMost = false) =>
  rows.push([
    name,
    `${value}${unit}`,
    `${atMost ? "<" : ">="} ${target}${unit}`,
    (atMost ? value < target : value >= target) ? "met" : "NOT met"
  ])

goal("JWT tokens: ours / opentok", ratio(jwt.ours.perSecond, jwt.opentok.perSecond), 20)
goal("JWT tokens: ours / node:crypto", ratio(jwt.ours.perSecond, jwt["node:crypto"].perSecond), 0.5)
goal("T1 tokens: ours / opentok", ratio(t1.ours.perSecond, t1.opentok.perSecond), 1.5)
for (const [workload, results] of [["signal", signal], ["start+stop archive", archive]] as const) {
  for (const mode of ["sequential", "concurrent50"] as const) {
    const r = results[mode]
    const label = `${workload}, ${mode === "sequential" ? "sequential" : "50 in flight"}`
    goal(`REST ${label}: ours / opentok`, ratio(r.ours.perSecond, r.opentok.perSecond), 1.5)
    goal(`REST ${label}: ours / fetch`, ratio(r.ours.perSecond, r.fetch.perSecond), 0.8)
  }
}
const ownImport = Math.round(imports["effect-opentok"]! - imports["effect + @effect/platform"]!)
goal("import: effect-opentok over effect + platform", ownImport, 30, " ms", true)
goal("heap growth, 1M tokens + 100k REST calls", Math.round(memory.growth / 1e5) / 10, 5, " MB", true)

const throughput = [
  ["JWT tokens/s", rate(jwt.ours), rate(jwt.opentok), `node:crypto ${rate(jwt["node:crypto"])}`],
  ["T1 tokens/s", rate(t1.ours), rate(t1.opentok), ""],
  ...(["signal", "archive"] as const).flatMap((w) => {
    const r = w === "signal" ? signal : archive
    return (["sequential", "concurrent50"] as const).map((m) => [
      `${w} calls/s (${m})`,
      rate(r[m].ours),
      rate(r[m].opentok),
      `fetch ${rate(r[m].fetch)}, @effect/platform ${rate(r[m]["@effect/platform"])}`
    ])
  })
]

const machine = `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${
  Math.round(totalmem() / 2 ** 30)
} GiB, node ${process.version}`
console.log(`\nMachine: ${machine}\n`)
console.log("| measure | ours | opentok 2.23.2 | limit |\n|---|---|---|---|")
for (const [name, ours, theirs, limit] of throughput) console.log(`| ${name} | ${ours} | ${theirs} | ${limit} |`)
console.log("\n| import (ms, median of 10 fresh processes) | ms |\n|---|---|")
for (const [name, ms] of Object.entries(imports)) console.log(`| ${name} | ${Math.round(ms)} |`)
console.log(
  `\nHeap: ${Math.round(memory.before / 1e6)} MB before, ${Math.round(memory.afterTokens / 1e6)} MB after 1M tokens, ${
    Math.round(memory.after / 1e6)
  } MB after 100k REST calls`
)
console.log("\n| goal | measured | target | |\n|---|---|---|---|")
for (const row of rows) console.log(`| ${row.join(" | ")} |`)
console.log(`\nFinished in ${Math.round((performance.now() - startedAt) / 1000)} s`)

writeFileSync(
  `${here}results.json`,
  JSON.stringify(
    { machine, date: new Date().toISOString(), jwt, t1, signal, archive, imports, memory, goals: rows },
    null,
    2
  )
)
