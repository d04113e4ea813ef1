// Runs llama.cpp's llama-fit-params for "Confirm with llama.cpp". No shell: execFile with an
// argument list, a time limit and an output limit; nothing of the output is trusted beyond the
// engine's parser. The server runs it only when a client asks, and only in a trusted workspace.
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fitParamsArgs, ggufPathOf, MAX_FIT_OUTPUT_CHARS, parseFitParamsOutput } from '../engine/answer/fitParams';
import type { ConfirmWithRuntimeParams, FitParamsAvailability, FitParamsConfirmation, FitParamsDevice } from '../protocol';

export const FIT_PARAMS_TOOL = 'llama-fit-params';
/** Loading a GGUF's metadata without allocating takes seconds; a minute means something is wrong. */
export const FIT_PARAMS_TIMEOUT_MS = 60_000;

/** The tool's full path on PATH (with Windows' extensions), or undefined. */
export function findOnPath(tool: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean).slice(0, 256);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs)
    for (const ext of exts) {
      const candidate = path.join(dir, tool + ext);
      try {
        const st = fs.statSync(candidate);
        if (st.isFile() && (process.platform === 'win32' || (st.mode & 0o111) !== 0)) return candidate;
      } catch {
        // Not in this folder; try the next.
      }
    }
  return undefined;
}

/** Whether the tool can run for this answer: trusted, on the PATH, and a local GGUF file to give it. */
export function fitParamsAvailability(p: ConfirmWithRuntimeParams, trusted: boolean, env = process.env): FitParamsAvailability {
  if (!trusted) return { available: false, reason: 'Restricted Mode: trust this folder to let RunLocalAI run llama.cpp tools.' };
  const tool = findOnPath(FIT_PARAMS_TOOL, env);
  if (!tool) return { available: false, reason: `${FIT_PARAMS_TOOL} (llama.cpp) is not on the PATH.` };
  const file = ggufPathOf(p.answer.source ?? { kind: 'unknown' }, String(p.answer.modelName));
  return 'path' in file ? { available: true, tool } : { available: false, reason: file.reason };
}

const lastLines = (text: string, n = 6) => text.trim().split('\n').slice(-n).join('\n').slice(-1500);
/** Quotes an argument for showing the command to a person (it is never run through a shell). */
const shown = (arg: string) => (/^[\w./:=,+-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`);

/** Runs `tool` with `args` (no shell) and reads its per-device rows. Never rejects. */
export function runFitParams(
  tool: string,
  args: readonly string[],
  timeoutMs = FIT_PARAMS_TIMEOUT_MS,
): Promise<{ devices: FitParamsDevice[]; error?: string }> {
  return new Promise((resolve) => {
    // Required here, not imported: child_process (with net and dgram) would load at every server
    // start for a tool a user runs now and then.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFile } = require('node:child_process') as typeof ChildProcess;
    execFile(
      tool,
      [...args],
      { shell: false, timeout: timeoutMs, maxBuffer: MAX_FIT_OUTPUT_CHARS, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const report = parseFitParamsOutput(stdout ?? '');
        const printed = lastLines(`${stderr ?? ''}\n${stdout ?? ''}`);
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
          const why = e.killed
            ? `${FIT_PARAMS_TOOL} was stopped: it ran past ${Math.round(timeoutMs / 1000)} s or printed more than ${MAX_FIT_OUTPUT_CHARS / 1024} KiB`
            : `${FIT_PARAMS_TOOL} failed (${e.code === 'ENOENT' ? 'not found' : `exit ${e.code ?? e.signal}`})`;
          resolve({ devices: report.devices, error: printed ? `${why}: ${printed}` : why });
        } else if (report.devices.length === 0) {
          resolve({ devices: [], error: `${FIT_PARAMS_TOOL} printed no device rows (a llama.cpp without --fit-print?): ${printed}` });
        } else resolve({ devices: report.devices });
      },
    );
  });
}

/** Runs the tool for the answer on show, with the same context, GPU layers and KV cache settings. */
export async function confirmWithRuntime(
  p: ConfirmWithRuntimeParams,
  trusted: boolean,
  env = process.env,
  timeoutMs = FIT_PARAMS_TIMEOUT_MS,
): Promise<FitParamsConfirmation | FitParamsAvailability> {
  const availability = fitParamsAvailability(p, trusted, env);
  if (!availability.available) return availability;
  const a = p.answer;
  const file = ggufPathOf(a.source, a.modelName) as { path: string };
  const kv = a.settings?.kvType?.value;
  const fa = a.settings?.flashAttention?.value;
  const args = fitParamsArgs({
    modelPath: file.path,
    ctx: Number(a.ctx) || 0,
    gpuLayers: Number(a.gpuLayers) || 0,
    totalLayers: Number(a.totalLayers) || 0,
    kvType: typeof kv === 'string' ? kv : undefined,
    flashAttention: typeof fa === 'boolean' ? fa : undefined,
  });
  const run = await runFitParams(availability.tool, args, timeoutMs);
  return { commandLine: [FIT_PARAMS_TOOL, ...args].map(shown).join(' '), devices: run.devices, ...(run.error ? { error: run.error } : {}) };
}
