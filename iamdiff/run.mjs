// Differential check of the IAM evaluator: random requests from a fixed seed, decided by
// `sfn-play authorize` (one batch file) and by @cloud-copilot/iam-simulate; prints every
// disagreement and the agreement rate, and exits 1 when a disagreement is not in
// known-differences.json (each entry cites the IAM User Guide sentence that settles it).
//
// Usage: node run.mjs --bin PATH/sfn-play [--seed N] [--count N]

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runSimulation } from '@cloud-copilot/iam-simulate'
import { generate, toOurs } from './lib/generate.mjs'
import { explainedBy } from './lib/known.mjs'

function options(argv) {
  const o = { seed: 20261130, count: 300, bin: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--seed') o.seed = Number(argv[++i])
    else if (a === '--count') o.count = Number(argv[++i])
    else if (a === '--bin') o.bin = argv[++i]
    else throw new Error(`unknown argument ${a}`)
  }
  if (!o.bin) throw new Error('usage: node run.mjs --bin PATH/sfn-play [--seed N] [--count N]')
  return o
}

function ours(bin, requests) {
  const dir = mkdtempSync(join(tmpdir(), 'iamdiff-'))
  try {
    const file = join(dir, 'batch.json')
    writeFileSync(file, JSON.stringify(requests.map((r) => toOurs(r.simulation))))
    let stdout
    try {
      stdout = execFileSync(bin, ['authorize', file], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (e) {
      if (e.status !== 1 || !e.stdout) throw new Error(`sfn-play authorize failed (${e.status}): ${e.stderr}`)
      stdout = e.stdout
    }
    return JSON.parse(stdout).map((out) => (out.error ? { error: `${out.error.code} at ${out.error.pointer}: ${out.error.message}` } : { result: out.result }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function theirs(request) {
  const response = await runSimulation(request.simulation, {})
  if (response.resultType === 'error') return { error: JSON.stringify(response.errors) }
  return { result: response.overallResult }
}

const o = options(process.argv.slice(2))
const allowList = JSON.parse(readFileSync(new URL('./known-differences.json', import.meta.url), 'utf8'))
const requests = generate(o.seed, o.count)
const mine = ours(o.bin, requests)
let compared = 0
let agreed = 0
let skipped = 0
let unexplained = 0
let known = 0
const perEntry = new Map()
for (const [i, request] of requests.entries()) {
  const peer = await theirs(request)
  const own = mine[i]
  if (peer.error || own.error) {
    skipped++
    if (own.error && !peer.error) {
      unexplained++
      console.log(`#${request.id} UNEXPLAINED: we reject the request (${own.error}); iam-simulate says ${peer.result}`)
    }
    continue
  }
  compared++
  if (own.result === peer.result) {
    agreed++
    continue
  }
  const entry = explainedBy(allowList, request.tags, own.result, peer.result)
  if (entry) {
    known++
    perEntry.set(entry.name, (perEntry.get(entry.name) ?? 0) + 1)
    console.log(`#${request.id} known difference \`${entry.name}\`: ours ${own.result}, iam-simulate ${peer.result}`)
    continue
  }
  unexplained++
  console.log(`#${request.id} UNEXPLAINED: ours ${own.result}, iam-simulate ${peer.result}; tags ${request.tags.join(' ')}`)
  console.log(JSON.stringify(toOurs(request.simulation)))
}
for (const [name, n] of perEntry) console.log(`known difference \`${name}\`: ${n} requests`)
const rate = compared ? ((100 * agreed) / compared).toFixed(2) : '100.00'
console.log(`seed ${o.seed}: ${requests.length} requests, ${compared} decided by both, ${skipped} rejected by one side or both`)
console.log(`agreement ${agreed}/${compared} = ${rate}%; ${known} known differences, ${unexplained} unexplained`)
process.exit(unexplained ? 1 : 0)
