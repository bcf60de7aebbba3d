// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time and the
// most total (inclusive) time, optionally only inside the calls of one function (e.g. runFull, the timed
// loop of full evaluations in bench/run.ts), so that generation, parsing and the other workloads of the
// same process do not blur the picture.
//
//   BENCH_CASES=20000 BENCH_RUNS=3 node --cpu-prof --cpu-prof-dir=prof bin/run-ts.js bench/run.ts
//   node bin/run-ts.js bench/profile-summary.ts prof/CPU.*.cpuprofile --under runFull --top 25
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  /** Time of the samples counted (inside `under`, when given), in ms. */
  totalMs: number;
  functions: FunctionTime[];
}

function where(frame: CallFrame): string {
  if (frame.url === '') return '(native)';
  let path = frame.url;
  if (path.startsWith('file://')) {
    try {
      path = relative(process.cwd(), fileURLToPath(path));
    } catch {
      // keep the URL as it is
    }
  }
  // Sources run through tsx report line 0 for every function; show a line only when there is one.
  return frame.lineNumber > 0 ? `${path}:${frame.lineNumber + 1}` : path;
}

/** Self and total time per function; with `under`, only samples whose stack contains that function. */
export function summarize(profile: CpuProfile, under?: string): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const key = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}\u0000${where(n.callFrame)}`;
  const times = new Map<string, FunctionTime>();
  const entry = (n: ProfileNode): FunctionTime => {
    const k = key(n);
    let t = times.get(k);
    if (t === undefined) {
      t = { name: n.callFrame.functionName || '(anonymous)', where: where(n.callFrame), selfMs: 0, totalMs: 0 };
      times.set(k, t);
    }
    return t;
  };
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const leaf = byId.get(profile.samples[i] as number);
    // A sample's time is the delta to the next sample.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (leaf === undefined || ms <= 0) continue;
    // The stack from the leaf up to the root (or up to the `under` frame).
    const stack: ProfileNode[] = [];
    let inside = under === undefined;
    for (let n: ProfileNode | undefined = leaf; n !== undefined; n = byId.get(parent.get(n.id) ?? -1)) {
      stack.push(n);
      if (under !== undefined && n.callFrame.functionName === under) {
        inside = true;
        break;
      }
    }
    if (!inside) continue;
    totalMs += ms;
    entry(leaf).selfMs += ms;
    const seen = new Set<string>();
    for (const n of stack) {
      const k = key(n);
      if (seen.has(k)) continue; // recursion: count once per sample
      seen.add(k);
      entry(n).totalMs += ms;
    }
  }
  return { totalMs, functions: [...times.values()] };
}

function main(): void {
  const args = process.argv.slice(2);
  const files: string[] = [];
  let under: string | undefined;
  let top = 25;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--under') under = args[++i];
    else if (a === '--top') top = Number(args[++i]);
    else files.push(a);
  }
  if (files.length === 0 || !Number.isInteger(top) || top < 1) {
    console.error('usage: profile-summary.ts FILE.cpuprofile… [--under FUNCTION] [--top N]');
    process.exit(2);
  }
  const pct = (ms: number, total: number): string => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
  for (const file of files) {
    const s = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, under);
    console.log(`${file}: ${(s.totalMs / 1000).toFixed(2)} s sampled${under ? ` inside ${under}` : ''}`);
    if (s.totalMs === 0) continue;
    console.log(`\ntop ${top} by self time`);
    for (const f of [...s.functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) {
      console.log(`${pct(f.selfMs, s.totalMs)} ${f.selfMs.toFixed(0).padStart(8)} ms  ${f.name}  ${f.where}`);
    }
    console.log(`\ntop ${top} by total time`);
    for (const f of [...s.functions].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
      console.log(`${pct(f.totalMs, s.totalMs)} ${f.totalMs.toFixed(0).padStart(8)} ms  ${f.name}  ${f.where}`);
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
