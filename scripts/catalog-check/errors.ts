import { createErrorMatcher } from '../../server/src/engine/checks/errorLines';
import { compilePattern, matchPattern } from '../../server/src/engine/checks/errorPatterns';
import type { ErrorEntry } from '../../server/src/engine/catalog/schema';
import { checkCommand, loadRuntimeFlags } from './runtimeFlags';
import type { KindCheck } from './types';

const SEED_PAGES = new Set([
  'https://www.runlocalai.co/errors',
  'https://www.runlocalai.co/errors/cuda-out-of-memory',
  'https://www.runlocalai.co/errors/cuda-oom-kv-cache-blowup',
  'https://www.runlocalai.co/errors/killed-oom-killer',
  'https://www.runlocalai.co/errors/mps-backend-out-of-memory',
  'https://www.runlocalai.co/errors/metal-oom-apple-silicon-mlx',
  'https://www.runlocalai.co/errors/metal-out-of-memory',
  'https://www.runlocalai.co/troubleshooting/ollama-slow',
  'https://www.runlocalai.co/troubleshooting/llama-cpp-metal-crash',
]);

function linked(a: ErrorEntry, b: ErrorEntry): boolean {
  return a.related.includes(b.id) || b.related.includes(a.id);
}

/**
 * The error KB: every pattern matches at least one real sample line of its entry, every sample is
 * recognised as its entry (or a related one), every link is a known page of the seed site, and every
 * flag, variable, subcommand, parameter and CMake option in a fix command is one the runtime has.
 */
export const errorsCheck: KindCheck = {
  kind: 'errors',
  check(catalog) {
    const problems: string[] = [];
    const flags = loadRuntimeFlags(process.cwd());
    const matcher = createErrorMatcher(catalog.errors);
    let patterns = 0;
    let samples = 0;
    let commands = 0;
    const checked = { flag: 0, env: 0, subcommand: 0, parameter: 0, cmake: 0 };
    const unchecked = new Set<string>();
    for (const entry of catalog.errors) {
      const lowerSamples = entry.samples.map((s) => s.line.toLowerCase());
      for (const p of entry.patterns) {
        patterns++;
        const compiled = compilePattern(p);
        if (!lowerSamples.some((l) => matchPattern(compiled, l)))
          problems.push(`${entry.id}: pattern ${JSON.stringify(p)} matches none of its samples`);
      }
      for (const s of entry.samples) {
        samples++;
        const hit = matcher.match(s.line, 0)?.entry;
        if (!hit) problems.push(`${entry.id}: sample ${JSON.stringify(s.line.slice(0, 80))} is matched by no entry`);
        else if (hit !== entry && !linked(hit, entry)) problems.push(`${entry.id}: sample is claimed by unrelated entry ${hit.id}`);
      }
      if (!SEED_PAGES.has(entry.url)) problems.push(`${entry.id}: url ${entry.url} is not a known page of the site`);
      for (const solution of entry.solutions) {
        for (const c of solution.commands) {
          commands++;
          const r = checkCommand(c.command, flags);
          for (const x of r.checked) checked[x.kind]++;
          for (const u of r.unchecked) unchecked.add(u);
          for (const p of r.problems) problems.push(`${entry.id}: ${p} in "${c.command}"`);
        }
      }
    }
    return {
      problems,
      counts: {
        entries: catalog.errors.length,
        patterns,
        samples,
        commands,
        'flags checked': checked.flag,
        'env vars checked': checked.env,
        'subcommands checked': checked.subcommand,
        'parameters checked': checked.parameter,
        'cmake options checked': checked.cmake,
        'programs not covered by a flag list': [...unchecked].sort().join(' '),
      },
    };
  },
};
