import type { Range } from '../types';

// A model reference in prose or code: an Ollama tag (llama3.1:70b), a Hugging Face id
// (Qwen/Qwen2.5-7B-Instruct) or a file name (Meta-Llama-3-8B-Instruct-Q4_K_M.gguf).
const TOKEN = /[A-Za-z0-9][A-Za-z0-9_.:/-]*[A-Za-z0-9]/g;

/** The model-like token under `character`, if it looks like a reference rather than a word. */
export function modelTokenAt(line: string, lineNumber: number, character: number): { text: string; range: Range } | undefined {
  for (const m of line.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (character < start || character >= end) continue;
    const text = m[0];
    // Plain words are the glossary's business; a reference has a tag, an org, a file type or a size.
    if (!/[:/]|\.gguf$|\d(\.\d+)?[bB]\b/.test(text)) return undefined;
    return { text, range: { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: end } } };
  }
  return undefined;
}
