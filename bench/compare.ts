// One comparison, in its own process: every contender in turn, in rounds whose order rotates, so
// that warm-up, GC and the other core's load fall on all of them alike. Prints JSON on stdout.
//
//   tsx bench/compare.ts jwt|t1|signal|archive [baseUrl]
import { performance } from "node:perf_hooks"
import { jwtContenders, restContenders, t1Contenders, type Workload } from "./contenders.ts"

const rounds = 5
const roundMillis = Number(process.env["BENCH_ROUND_MS"] ?? 400)

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Runs `batch` of growing size until the round's time is spent; operations per second. */
const measure = async (batch: (count: number) => Promise<void>, opsPerCall: number) => {
  let size = 16
  let done = 0
  const started = performance.now()
  while (performance.now() - started < roundMillis) {
    await batch(size)
    done += size
    if (performance.now() - started < roundMillis / 8) size *= 2
  }
  return (done * opsPerCall * 1000) / (performance.now() - started)
}

const compare = async (contenders: Record<string, (count: number) => Promise<void>>, opsPerCall = 1) => {
  const names = Object.keys(contenders)
  const samples: Record<string, Array<number>> = Object.fromEntries(names.map((n) => [n, []]))
  for (const name of names) await contenders[name]!(64) // warm-up: JIT, connections, caches
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!
      samples[name]!.push(await measure(contenders[name]!, opsPerCall))
    }
  }
  return Object.fromEntries(names.map((n) => [n, { perSecond: median(samples[n]!), samples: samples[n]! }]))
}

const kind = process.argv[2]
const baseUrl = process.argv[3] ?? ""

const results = kind === "jwt"
  ? { tokens: await compare(jwtContenders) }
  : kind === "t1"
  ? { tokens: await compare(t1Contenders) }
  : await (async () => {
    const contenders = restContenders(baseUrl, kind as Workload)
    // One archive unit is two calls (start and stop): counted as calls per second.
    const perUnit = kind === "archive" ? 2 : 1
    const at = (inFlight: number) =>
      Object.fromEntries(
        Object.entries(contenders).map(([name, run]) => [name, (count: number) => run(count, inFlight)])
      )
    return { sequential: await compare(at(1), perUnit), concurrent50: await compare(at(50), perUnit) }
  })()

console.log(JSON.stringify(results))
process.exit(0)
