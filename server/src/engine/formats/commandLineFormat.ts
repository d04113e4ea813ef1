import { commandDeployment, runtimeCommand } from './commandDeployments';
import { eachCommand, type Command } from './commandLine';
import { createLineIndex, type LineIndex } from './lineIndex';
import { ollamaCreateDeployment } from './ollamaCreate';
import type { Deployment, Format, FormatDocument } from './types';

/** Words that say a file starts a runtime; a cheap first look before reading commands. */
export const RUNTIME_WORDS = [
  'llama-server',
  'llama-cli',
  'llama-bench',
  'llama_server',
  'llama_cpp.server',
  'vllm serve',
  'vllm.entrypoints',
  'ollama run',
  'ollama create',
];

const LANGUAGES = new Set(['shellscript', 'dockerfile', 'makefile', 'markdown', 'systemd', 'systemd-unit-file', 'bat', 'powershell']);

/**
 * Command lines in scripts, Dockerfiles, systemd units, Makefiles and Markdown code blocks:
 * every llama.cpp, llama-cpp-python, vLLM or `ollama run` command is a deployment.
 */
export const commandLineFormat: Format = {
  id: 'command-line',
  label: 'command line',
  matches: (doc: FormatDocument) => LANGUAGES.has(doc.languageId) && mentionsRuntime(doc.text),
  parse(text) {
    const lines = createLineIndex(text);
    const deployments: Deployment[] = [];
    const env: Record<string, string> = {};
    const built = new Map<string, NonNullable<Deployment['builtFrom']>>();
    for (const [from, to] of regions(text)) {
      eachCommand(text, from, to, { newlineEndsCommand: true }, (cmd) => {
        collectEnv(cmd, env);
        const created = ollamaCreateDeployment(cmd, lines);
        if (created?.builtFrom) {
          built.set(created.builtFrom.name, created.builtFrom);
          deployments.push(created);
          return;
        }
        const rc = runtimeCommand(cmd);
        if (!rc) return;
        const d = commandDeployment(cmd, rc, lines, { env: { ...env } });
        // `ollama run NAME` of a model this file creates: its fit is the Modelfile's.
        const creator = rc.runtime === 'ollama' && d.model ? built.get(d.model.value) : undefined;
        if (creator && d.model) {
          d.builtFrom = { ...creator, range: d.model.range };
          d.model = undefined;
        }
        deployments.push(d);
      });
    }
    return { problems: [], deployments };
  },
};

export function mentionsRuntime(text: string): boolean {
  return RUNTIME_WORDS.some((w) => text.includes(w));
}

/** `export X=1`, Dockerfile `ENV X=1` / `ENV X 1`: the environment later commands see. */
function collectEnv(cmd: Command, env: Record<string, string>): void {
  const w = cmd.words;
  if (w[0]?.text !== 'export' && w[0]?.text !== 'ENV') return;
  if (w[0].text === 'ENV' && w.length === 3 && !w[1].text.includes('=')) {
    env[w[1].text] = w[2].text;
    return;
  }
  for (const word of w.slice(1)) {
    const eq = word.text.indexOf('=');
    if (eq > 0) env[word.text.slice(0, eq)] = word.text.slice(eq + 1);
  }
}

/** Markdown: only fenced code blocks hold commands; any other text is read whole. */
function regions(text: string): [number, number][] {
  const lines: LineIndex = createLineIndex(text);
  const out: [number, number][] = [];
  let open: number | undefined;
  let fenced = false;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    let i = start;
    while (text[i] === ' ') i++;
    if (text.startsWith('```', i) || text.startsWith('~~~', i)) {
      fenced = true;
      if (open === undefined) open = l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length;
      else {
        out.push([open, start]);
        open = undefined;
      }
    }
  }
  if (!fenced) return [[0, text.length]];
  if (open !== undefined) out.push([open, text.length]);
  return out;
}
