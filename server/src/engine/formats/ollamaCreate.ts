import type { Command } from './commandLine';
import { programIndex } from './flags';
import type { LineIndex } from './lineIndex';
import type { Deployment } from './types';

/** Ollama's default when `ollama create` names no file: the Modelfile in the working folder. */
const DEFAULT_MODELFILE = 'Modelfile';

/**
 * `ollama create NAME [-f PATH]`: a model built from a Modelfile. Its fit is that Modelfile's, so
 * the deployment points there (`builtFrom`) rather than judging a name no catalog knows.
 */
export function ollamaCreateDeployment(cmd: Command, lines: LineIndex): Deployment | undefined {
  const p = programIndex(cmd);
  const words = cmd.words;
  const program = words[p]?.text ?? '';
  if (!(program === 'ollama' || program.endsWith('/ollama')) || words[p + 1]?.text !== 'create') return undefined;
  let name: (typeof words)[number] | undefined;
  let file: (typeof words)[number] | undefined;
  let fileFlag: (typeof words)[number] | undefined;
  for (let i = p + 2; i < words.length; i++) {
    const t = words[i].text;
    if (t === '-f' || t === '--file') {
      fileFlag = words[i];
      file = words[i + 1];
      i++;
    } else if (t.startsWith('--file=')) {
      file = { ...words[i], text: t.slice('--file='.length), start: words[i].start + '--file='.length };
    } else if (!t.startsWith('-') && !name) name = words[i];
  }
  if (!name) return undefined;
  const nameRange = lines.range(name.start, name.end);
  const at = file ?? fileFlag ?? name;
  return {
    runtime: 'ollama',
    label: name.text,
    anchor: nameRange,
    settings: {},
    env: {},
    notes: [],
    builtFrom: {
      name: name.text,
      path: file?.text ?? DEFAULT_MODELFILE,
      range: lines.range(at.start, at.end),
      unresolved: file?.vars.length ? file.vars.join(', ') : undefined,
    },
    edit: () => [],
  };
}
