// Heap after a full GC, before and after 1,000,000 tokens and 100,000 REST calls (signals, 50 in
// flight), in this process alone: the server runs in another. Run with --expose-gc.
//
//   node --expose-gc --import tsx bench/memory.ts <baseUrl>
import { jwtContenders, restContenders } from "./contenders.ts"

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error("run with --expose-gc")

const heap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

const baseUrl = process.argv[2]!
const ours = restContenders(baseUrl, "signal").ours!
// Warm up first, so the figures show growth, not the first use of modules and connections.
await jwtContenders.ours!(10_000)
await ours(1_000, 50)
const before = heap()
for (let i = 0; i < 100; i++) await jwtContenders.ours!(10_000)
const afterTokens = heap()
for (let i = 0; i < 20; i++) await ours(5_000, 50)
const after = heap()
console.log(JSON.stringify({ before, afterTokens, after, growth: after - before }))
process.exit(0)
