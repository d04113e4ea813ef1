import type { Catalog } from '../catalog/schema';
import { readCheckpointFolder } from './checkpoint';
import { readGgufModel } from './ggufFile';
import type { ModelFacts, ModelQuery, ModelSource, SourceReaders } from './types';

const REPO = /^(?:hf\.co\/|huggingface\.co\/)?([A-Za-z0-9][A-Za-z0-9_.-]*)\/([A-Za-z0-9][A-Za-z0-9_.-]*?)(?::([A-Za-z0-9_.-]+))?$/;

/** `org/name`, `hf.co/org/name:Q4_K_M` → repository and an optional quantization tag. */
export function parseRepoId(reference: string): { org: string; name: string; tag?: string } | undefined {
  const m = REPO.exec(reference.trim());
  if (!m || m[1] === '.' || m[2] === '.' || m[1].includes('..') || m[2].includes('..')) return undefined;
  return { org: m[1], name: m[2], tag: m[3] };
}

/** The GGUF in a folder that matches a quantization tag (Q4_K_M) or, without one, the only model there. */
export function pickGguf(files: string[], tag: string | undefined): string | undefined {
  const models = files.filter((f) => /\.gguf$/i.test(f) && !/mmproj/i.test(f) && !/-0000[2-9]-of-|-000[1-9]\d-of-/i.test(f)).sort();
  if (tag) {
    const t = tag.toLowerCase();
    return models.find((f) => f.toLowerCase().includes(t));
  }
  return models.length === 1 ? models[0] : models.find((f) => /q4_k_m/i.test(f));
}

function findCaseInsensitive(readers: SourceReaders, dir: string, name: string): string | undefined {
  const entries = readers.list(dir);
  if (!entries) return undefined;
  const hit = entries.includes(name) ? name : entries.find((e) => e.toLowerCase() === name.toLowerCase());
  return hit ? readers.join(dir, hit) : undefined;
}

/** The snapshot `refs/main` points at, else the only one. */
function snapshotOf(repoDir: string, readers: SourceReaders): string | undefined {
  const main = readers.readText(readers.join(repoDir, 'refs', 'main'), 256)?.trim();
  const snapshots = readers.join(repoDir, 'snapshots');
  if (main && /^[a-f0-9]{7,64}$/.test(main) && readers.isDirectory(readers.join(snapshots, main))) return readers.join(snapshots, main);
  const all = readers.list(snapshots) ?? [];
  return all.length === 1 ? readers.join(snapshots, all[0]) : undefined;
}

/** The Hugging Face hub cache (`models--org--name/snapshots/<commit>`): config.json and safetensors, or a GGUF. */
export function hfCacheSource(hubDir: string, catalog: Pick<Catalog, 'quantizations'>): ModelSource {
  return {
    kind: 'hf-cache',
    resolve(query: ModelQuery, readers: SourceReaders): ModelFacts | undefined {
      const repo = parseRepoId(query.reference);
      if (!repo) return undefined;
      const dir = findCaseInsensitive(readers, hubDir, `models--${repo.org}--${repo.name}`);
      if (!dir) return undefined;
      const snap = snapshotOf(dir, readers);
      if (!snap) return undefined;
      const id = `${repo.org}/${repo.name}`;
      const gguf = pickGguf(readers.list(snap) ?? [], repo.tag);
      if (gguf && (repo.tag || !readers.isFile(readers.join(snap, 'config.json'))))
        return readGgufModel(
          { path: readers.join(snap, gguf), projector: 'beside', provenance: { source: 'hf-cache', id, path: readers.join(snap, gguf) } },
          readers,
          catalog,
        );
      return readCheckpointFolder(snap, id, { source: 'hf-cache', id, path: snap }, readers, catalog);
    },
  };
}

/** LM Studio's models folder: `<publisher>/<repo>/<file>.gguf`, by `publisher/repo[:quant]` or by file name. */
export function lmStudioSource(modelsDir: string, catalog: Pick<Catalog, 'quantizations'>): ModelSource {
  return {
    kind: 'lmstudio',
    resolve(query: ModelQuery, readers: SourceReaders): ModelFacts | undefined {
      const ref = query.reference.trim();
      const repo = parseRepoId(ref.replace(/\/[^/]+\.gguf$/i, ''));
      let file: string | undefined;
      let id: string | undefined;
      if (repo) {
        const dir = findCaseInsensitive(readers, modelsDir, repo.org);
        const repoDir = dir && findCaseInsensitive(readers, dir, repo.name);
        const named = /\.gguf$/i.test(ref) ? readers.basename(ref) : undefined;
        const pick = repoDir ? (named ?? pickGguf(readers.list(repoDir) ?? [], repo.tag)) : undefined;
        if (repoDir && pick && readers.isFile(readers.join(repoDir, pick))) {
          file = readers.join(repoDir, pick);
          id = `${repo.org}/${repo.name}`;
        }
      } else if (/^[^\\/]+\.gguf$/i.test(ref)) {
        // A bare file name: look one publisher and one repository deep, no further.
        for (const pub of readers.list(modelsDir) ?? []) {
          for (const r of readers.list(readers.join(modelsDir, pub)) ?? []) {
            const candidate = readers.join(modelsDir, pub, r, ref);
            if (readers.isFile(candidate)) {
              file = candidate;
              id = `${pub}/${r}`;
              break;
            }
          }
          if (file) break;
        }
      }
      if (!file) return undefined;
      return readGgufModel({ path: file, projector: 'beside', provenance: { source: 'lmstudio', id, path: file } }, readers, catalog);
    },
  };
}
