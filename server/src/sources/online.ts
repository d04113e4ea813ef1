import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Catalog } from '../engine/catalog/schema';
import { HfConfigError, modelFromHfConfig, parseHfConfig, quantizationForConfig } from '../engine/configs/hfConfig';
import { weightsBreakdown } from '../engine/estimate/weights';
import { scaleBreakdown } from '../engine/sources/checkpoint';
import { GgufError, parseGgufHeader } from '../engine/sources/gguf';
import { factsFromGguf } from '../engine/sources/ggufFacts';
import { parseRepoId } from '../engine/sources/hfCache';
import { parseOllamaName } from '../engine/sources/ollamaStore';
import type { ModelFacts, ModelSource } from '../engine/sources/types';
import { trimTrailing } from '../engine/text/slug';

/**
 * The opt-in online lookup: a Hugging Face repository's config.json and safetensors index, or an
 * Ollama registry manifest and the first bytes of its model blob (an HTTP range request, enough
 * for the GGUF header). Answers are cached on disk with their URL and date and read from there
 * synchronously; a miss starts the fetch in the background (or the CLI awaits it). A failure is
 * one log line, and the name-only estimate answers instead.
 */
export interface OnlineOptions {
  catalog: Pick<Catalog, 'quantizations'>;
  /** Where answers are kept: one JSON (and a header file) per reference. */
  cacheDir: string;
  hfEndpoint: string;
  ollamaRegistry: string;
  timeoutMs?: number;
  log: (line: string) => void;
}

interface CacheEntry {
  reference: string;
  /** The URL the facts were read from, and when. */
  url: string;
  date: string;
  kind: 'hf-config' | 'gguf-header' | 'none';
  config?: string;
  totalSize?: number;
}

const FIRST_RANGE = 4 * 1024 * 1024;
const MAX_RANGE = 64 * 1024 * 1024;
const MAX_JSON = 8 * 1024 * 1024;
/** A reference that could not be found is not asked about again for a day. */
const NEGATIVE_MS = 24 * 3600 * 1000;

export function defaultOnlineOptions(
  env: Record<string, string | undefined>,
  catalog: Pick<Catalog, 'quantizations'>,
  log: (l: string) => void,
): OnlineOptions {
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return {
    catalog,
    cacheDir: env.RUNLOCALAI_CACHE_DIR || path.join(cache, 'runlocalai', 'online'),
    // HF_ENDPOINT is the Hugging Face libraries' own setting for a mirror.
    hfEndpoint: trimTrailing(env.HF_ENDPOINT || 'https://huggingface.co', '/'),
    ollamaRegistry: trimTrailing(env.RUNLOCALAI_OLLAMA_REGISTRY || 'https://registry.ollama.ai', '/'),
    log,
  };
}

async function fetchBounded(
  url: string,
  timeoutMs: number,
  maxBytes: number,
  headers: Record<string, string> = {},
): Promise<Buffer | undefined> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers, signal: ctrl.signal, redirect: 'follow' });
    if (res.status === 404 || res.status === 401) return undefined;
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const reader = res.body?.getReader();
    if (!reader) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      chunks.push(Buffer.from(value));
      if (size >= maxBytes) {
        await reader.cancel();
        break;
      }
    }
    return Buffer.concat(chunks).subarray(0, maxBytes);
  } finally {
    clearTimeout(timer);
  }
}

export interface OnlineLookup {
  source: ModelSource;
  /** Fetches and caches the facts for a reference; resolves when done (never rejects). */
  prefetch(reference: string): Promise<void>;
}

export function createOnlineLookup(o: OnlineOptions): OnlineLookup {
  const timeout = o.timeoutMs ?? 8000;
  const pending = new Map<string, Promise<void>>();
  // node:crypto is loaded on the first look-up, not at every start of the CLI (about 4 ms): most runs never look online.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const key = (ref: string) => (require('node:crypto') as typeof Crypto).createHash('sha256').update(ref).digest('hex').slice(0, 32);
  const jsonPath = (ref: string) => path.join(o.cacheDir, `${key(ref)}.json`);
  const headerPath = (ref: string) => path.join(o.cacheDir, `${key(ref)}.gguf-header`);

  const readEntry = (ref: string): CacheEntry | undefined => {
    try {
      const e = JSON.parse(fs.readFileSync(jsonPath(ref), 'utf8')) as CacheEntry;
      if (e.kind === 'none' && Date.now() - Date.parse(e.date) > NEGATIVE_MS) return undefined;
      return e.reference === ref ? e : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (entry: CacheEntry, header?: Buffer) => {
    fs.mkdirSync(o.cacheDir, { recursive: true });
    if (header) fs.writeFileSync(headerPath(entry.reference), header);
    fs.writeFileSync(jsonPath(entry.reference), JSON.stringify(entry));
  };

  const fromHf = async (ref: string): Promise<boolean> => {
    const repo = parseRepoId(ref);
    if (!repo) return false;
    const base = `${o.hfEndpoint}/${repo.org}/${repo.name}/resolve/main`;
    const config = await fetchBounded(`${base}/config.json`, timeout, MAX_JSON);
    if (!config) return false;
    const index = await fetchBounded(`${base}/model.safetensors.index.json`, timeout, MAX_JSON);
    let totalSize: number | undefined;
    try {
      const t = index ? (JSON.parse(index.toString('utf8')) as { metadata?: { total_size?: unknown } }).metadata?.total_size : undefined;
      totalSize = typeof t === 'number' && t > 0 ? t : undefined;
    } catch {
      totalSize = undefined;
    }
    write({
      reference: ref,
      url: `${base}/config.json`,
      date: new Date().toISOString(),
      kind: 'hf-config',
      config: config.toString('utf8'),
      totalSize,
    });
    return true;
  };

  const fromOllama = async (ref: string): Promise<boolean> => {
    const n = parseOllamaName(ref);
    if (!n || n.registry !== 'registry.ollama.ai') return false;
    const repo = `${o.ollamaRegistry}/v2/${n.namespace}/${n.model}`;
    const manifest = await fetchBounded(`${repo}/manifests/${n.tag}`, timeout, 1024 * 1024, {
      Accept: 'application/vnd.docker.distribution.manifest.v2+json',
    });
    if (!manifest) return false;
    const layers = (JSON.parse(manifest.toString('utf8')) as { layers?: { mediaType?: string; digest?: string }[] }).layers ?? [];
    const digest = layers.find((l) => l.mediaType === 'application/vnd.ollama.image.model')?.digest;
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`${repo}: manifest has no model layer`);
    const url = `${repo}/blobs/${digest}`;
    // Ask for the first few MiB; a header larger than that (a big vocabulary) is asked for again, doubled.
    for (let size = FIRST_RANGE; size <= MAX_RANGE; size *= 2) {
      const bytes = await fetchBounded(url, timeout, size, { Range: `bytes=0-${size - 1}` });
      if (!bytes) throw new Error(`${url}: not found`);
      try {
        parseGgufHeader({ size: bytes.length, read: (off, len) => bytes.subarray(off, off + len) });
        write({ reference: ref, url, date: new Date().toISOString(), kind: 'gguf-header' }, bytes);
        return true;
      } catch (e) {
        if (!(e instanceof GgufError) || !/truncated/.test(e.message) || bytes.length < size) throw e;
      }
    }
    throw new Error(`${url}: GGUF header larger than ${MAX_RANGE} bytes`);
  };

  const prefetch = (ref: string): Promise<void> => {
    if (readEntry(ref)) return Promise.resolve();
    let p = pending.get(ref);
    if (!p) {
      const looksHf = /^(hf\.co\/|huggingface\.co\/)/.test(ref) || (ref.includes('/') && !ref.includes(':'));
      p = (async () => {
        try {
          const found = looksHf ? (await fromHf(ref)) || (await fromOllama(ref)) : (await fromOllama(ref)) || (await fromHf(ref));
          if (!found) write({ reference: ref, url: '', date: new Date().toISOString(), kind: 'none' });
        } catch (e) {
          o.log(`online lookup of ${ref} failed: ${(e as Error).message}`);
        } finally {
          pending.delete(ref);
        }
      })();
      pending.set(ref, p);
    }
    return p;
  };

  const source: ModelSource = {
    kind: 'online',
    resolve(query): ModelFacts | undefined {
      const ref = query.reference.trim();
      const entry = readEntry(ref);
      if (!entry) {
        void prefetch(ref);
        return undefined;
      }
      const provenance = { source: 'online' as const, id: ref, path: `${entry.url} (${entry.date.slice(0, 10)})` };
      if (entry.kind === 'hf-config' && entry.config) {
        try {
          const info = parseHfConfig(entry.config);
          const model = modelFromHfConfig(info, ref, { title: 'config.json', url: entry.url });
          const quant = quantizationForConfig(info, o.catalog);
          const weights = entry.totalSize
            ? scaleBreakdown(
                weightsBreakdown(model, quant),
                entry.totalSize,
                `total_size ${entry.totalSize} B of the online safetensors index`,
              )
            : undefined;
          return { model, quant, weights, provenance, warnings: info.warnings };
        } catch (e) {
          if (e instanceof HfConfigError) return undefined;
          throw e;
        }
      }
      if (entry.kind === 'gguf-header') {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(headerPath(ref));
        } catch {
          return undefined;
        }
        const header = parseGgufHeader({ size: bytes.length, read: (off, len) => bytes.subarray(off, off + len) });
        const f = factsFromGguf({ header, tensors: header.tensors, fallbackName: ref, provenance }, o.catalog);
        return { ...f, provenance };
      }
      return undefined;
    },
  };
  return { source, prefetch };
}
