import type { ModelProvenance } from '../answer/types';
import type { Provenance } from './types';

const LABEL: Record<Provenance['source'], string> = {
  'gguf-file': 'GGUF file',
  'ollama-store': 'Ollama store',
  'hf-cache': 'Hugging Face cache',
  lmstudio: 'LM Studio models folder',
  catalog: 'catalog',
  name: 'the name alone',
  online: 'online lookup',
};

/** "ollama-store llama3.1:8b, /home/me/.ollama/models/blobs/sha256-…", with the error range for guesses. */
export function describeProvenance(p: Provenance): string {
  const where = [p.id, p.path].filter(Boolean).join(', ');
  const approx = p.approximate ? `, approximate ±${Math.round(p.approximate.errorFraction * 100)}%` : '';
  return `${p.source}${where ? ` ${where}` : ''}${approx}`;
}

/** Words for a hover: "GGUF file /models/x.gguf (exact)". */
export function provenanceLabel(p: Provenance): string {
  const where = [p.id, p.path].filter(Boolean).join(', ');
  const how = p.approximate
    ? `approximate, ±${Math.round(p.approximate.errorFraction * 100)}%`
    : p.source === 'catalog'
      ? 'catalog data'
      : 'read from the file';
  return `${LABEL[p.source]}${where ? ` \`${where.replace(/[`\r\n]/g, "'")}\`` : ''} (${how})`;
}

/** The same for the answer's provenance ({ kind, id, path, approximate }). */
export function describeProvenanceOf(p: ModelProvenance): string {
  const where = [p.id, p.path].filter(Boolean).join(', ');
  return `${p.kind}${where ? ` ${where}` : ''}${p.approximate !== undefined ? `, approximate ±${Math.round(p.approximate * 100)}%` : ''}`;
}

/** The verdict could go either way within the estimate's relative error. */
export function withinError(e: { totalBytes: number; usableBytes: number }, error: number): boolean {
  return e.usableBytes > 0 && e.totalBytes * (1 - error) <= e.usableBytes && e.usableBytes <= e.totalBytes * (1 + error);
}
