// Runs llama.cpp's llama-fit-params for "Confirm with llama.cpp". No vscode import, so a unit test
// can run it against a fake tool on PATH. No shell: execFile with an argument list, a time limit,
// an output limit, and nothing of the tool's output trusted beyond the engine's parser.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFitParamsOutput, MAX_FIT_OUTPUT_CHARS } from '../../../server/src/engine/answer/fitParams';
import type { FitParamsDevice, WillItRunJson } from '../../../server/src/protocol';

export const FIT_PARAMS_TOOL = 'llama-fit-params';
/** Loading a GGUF's metadata without allocating takes seconds; a minute means something is wrong. */
export const FIT_PARAMS_TIMEOUT_MS = 60_000;
/** Model sources whose path is the GGUF file itself (an Ollama blob is one, without the extension). */
const GGUF_SOURCES = new Set(['gguf-file', 'ollama-store', 'lmstudio']);

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
        // Not here; try the next folder.
      }
    }
  return undefined;
}

/** The local GGUF file an answer was computed from, or why there is none to hand to llama.cpp. */
export function localGguf(a: WillItRunJson): { path: string } | { reason: string } {
  if (a.source.path && GGUF_SOURCES.has(a.source.kind)) return { path: a.source.path };
  return {
    reason: `llama-fit-params needs a local GGUF file; ${a.modelName} came from ${a.source.kind === 'catalog' ? 'the catalog' : a.source.kind} (name a .gguf file, or a model pulled with Ollama, to confirm)`,
  };
}

export interface FitParamsRun {
  devices: FitParamsDevice[];
  /** Set when the tool failed, timed out or printed no device rows. */
  error?: string;
}

const lastLines = (text: string, n = 6) => text.trim().split('\n').slice(-n).join('\n').slice(-1500);

/** Runs the tool with `args` (no shell) and reads its per-device rows. Never rejects. */
export function runFitParams(tool: string, args: readonly string[], timeoutMs = FIT_PARAMS_TIMEOUT_MS): Promise<FitParamsRun> {
  return new Promise((resolve) => {
    execFile(
      tool,
      [...args],
      { shell: false, timeout: timeoutMs, maxBuffer: MAX_FIT_OUTPUT_CHARS, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const report = parseFitParamsOutput(stdout ?? '');
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
          const why = e.killed
            ? `${FIT_PARAMS_TOOL} did not finish within ${Math.round(timeoutMs / 1000)} s (or printed more than ${MAX_FIT_OUTPUT_CHARS / 1024} KiB) and was stopped`
            : e.code === 'ENOENT'
              ? `${FIT_PARAMS_TOOL} was not found`
              : `${FIT_PARAMS_TOOL} failed (exit ${e.code ?? e.signal})`;
          resolve({ devices: report.devices, error: `${why}: ${lastLines(`${stderr ?? ''}\n${stdout ?? ''}`)}`.trim() });
          return;
        }
        if (report.devices.length === 0) {
          resolve({
            devices: [],
            error: `${FIT_PARAMS_TOOL} printed no device rows (a llama.cpp without --fit-print?): ${lastLines(`${stderr}\n${stdout}`)}`,
          });
          return;
        }
        resolve({ devices: report.devices });
      },
    );
  });
}
