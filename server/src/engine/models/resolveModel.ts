import type { Catalog, Model, Quantization } from '../catalog/schema';

export interface ModelRef {
  model: Model;
  /** Quantization the reference names, if it names one. */
  quant?: Quantization;
  /** How the reference was recognised. */
  kind: 'ollama' | 'huggingface' | 'file' | 'alias';
  /** The catalog model `model` is a fine-tune, distill or merge of (its `base` field). */
  base?: Model;
  /** The reference names a fine-tune or merge of `model` (words beyond the model's own name). */
  derived?: boolean;
}

export interface ModelResolver {
  resolve(reference: string): ModelRef | undefined;
  quantization(name: string): Quantization | undefined;
  /** Builds now what the first loose reference would otherwise build: for a shell with idle time (the server). */
  prepare?(): void;
}

// A quantization token inside a tag or file name: "q4_K_M", "Q8_0", "IQ4_XS", "f16", "bf16", "mxfp4".
const QUANT_TOKEN = /(?:^|[-_.:\s/])((?:i?q\d(?:_[a-z0-9]+)*)|bf16|fp16|f16|f32|fp8|mxfp4|awq|gptq)(?=$|[-_.\s])/i;

// Words that packagers and uploaders add to a model's own name without changing the weights'
// shapes or training: what is left after removing them (and the matched name) is a fine-tune's.
const PACKAGING_WORDS = /gguf|instruct|chat|imatrix|hf|it|pt|base|latest|mlx|awq|gptq|exl2|bnb|4bit|8bit|i1/g;

/** Builds the lookups once per catalog: Ollama tags, Hugging Face ids and loose aliases. */
export function createModelResolver(catalog: Pick<Catalog, 'models' | 'quantizations'>): ModelResolver {
  const ollama = new Map<string, Model>();
  const hf = new Map<string, Model>();
  for (const model of catalog.models) {
    for (const tag of model.ollama) {
      ollama.set(tag.toLowerCase(), model);
      if (!tag.includes(':')) ollama.set(`${tag.toLowerCase()}:latest`, model);
    }
    for (const id of model.huggingface) hf.set(id.toLowerCase(), model);
  }
  // The loose keys are built on the first reference that needs them (not an exact catalog tag or
  // id): a `check` over such tags never builds them (a quarter of the resolver's 2 ms at start).
  let loose: { key: string; model: Model }[] | undefined;
  const looseKeys = () => (loose ??= looseKeysOf(catalog.models));

  const quants = new Map<string, Quantization>();
  for (const q of catalog.quantizations) {
    quants.set(q.id.toLowerCase(), q);
    for (const a of q.aliases) quants.set(a.toLowerCase(), q);
  }
  const quantization = (name: string) => quants.get(name.toLowerCase());

  const quantIn = (reference: string): Quantization | undefined => {
    const m = QUANT_TOKEN.exec(reference);
    if (!m) return undefined;
    // unsloth writes "UD-Q3_K_XL"; the bare "Q3_K_XL" is bartowski's, a different recipe.
    const before = reference.slice(Math.max(0, m.index - 2), m.index).toLowerCase();
    return (before === 'ud' ? quantization(`ud-${m[1]}`) : undefined) ?? quantization(m[1]);
  };
  let byId: Map<string, Model> | undefined;
  const withBase = (ref: ModelRef): ModelRef => {
    if (!ref.model.base) return ref;
    const base = (byId ??= new Map(catalog.models.map((m) => [m.id, m]))).get(ref.model.base);
    return base ? { ...ref, base } : ref;
  };
  const looseHit = (key: string) => looseKeys().find((l) => l.key.length >= 4 && key.includes(l.key));
  // A tag's own quantization (gemma3:4b-it-qat is Q4_0) wins over a token in the tag.
  const tagQuant = (model: Model, tag: string): Quantization | undefined => {
    const q = model.ollamaTagQuants?.[tag];
    return q ? quantization(q) : undefined;
  };

  return {
    quantization,
    prepare: () => void looseKeys(),
    resolve(reference) {
      const ref = reference.trim().replace(/^["']|["']$/g, '');
      if (!ref) return undefined;
      const lower = ref.toLowerCase().replace(/^(registry\.ollama\.ai\/)?(library\/)?/, '');
      // Ollama: "llama3.1:70b", "llama3.1:70b-instruct-q4_K_M", "llama3.1".
      const [name, tag = 'latest'] = lower.split(':', 2);
      if (!lower.includes('/')) {
        const exactTag = ollama.get(`${name}:${tag}`);
        if (exactTag) return withBase({ model: exactTag, quant: tagQuant(exactTag, `${name}:${tag}`) ?? quantIn(tag), kind: 'ollama' });
        const sizeTag = tag.split('-')[0];
        const bySize = ollama.get(`${name}:${sizeTag}`);
        if (bySize) {
          // A tag that spells out a sibling of the size's model (mistral:7b-instruct-v0.2,
          // qwen3:30b-a3b-instruct-2507) means that sibling; the family guards against strays.
          const spelled = looseHit(looseKey(`${name}-${tag}`.replace(QUANT_TOKEN, '')));
          const model = spelled && spelled.model.family === bySize.family ? spelled.model : bySize;
          return withBase({ model, quant: tagQuant(model, `${name}:${tag}`) ?? quantIn(tag), kind: 'ollama' });
        }
      }
      const hfId = lower.replace(/^hf\.co\/|^huggingface\.co\//, '').split(':')[0];
      const byHf = hf.get(hfId);
      if (byHf) return withBase({ model: byHf, quant: quantIn(ref), kind: 'huggingface' });
      // Files and other spellings: compare on letters and digits only, quantization removed.
      const base = ref.split(/[\\/]/).pop() ?? ref;
      const isFile = /\.(gguf|bin|safetensors)$/i.test(base);
      const key = looseKey(base.replace(/\.(gguf|bin|safetensors)$/i, '').replace(QUANT_TOKEN, ''));
      if (key.length < 4) return undefined;
      const hit = looseHit(key);
      if (!hit) return undefined;
      // bartowski names uploads "<org>_<model>" (Qwen_Qwen3-32B-GGUF): the org is no fine-tune.
      const orgless = looseKey(base.slice(base.indexOf('_') + 1).replace(QUANT_TOKEN, ''));
      const named = orgless.includes(hit.key) ? orgless : key;
      const extra = named.replace(hit.key, '').replace(PACKAGING_WORDS, '');
      const found: ModelRef = { model: hit.model, quant: quantIn(base), kind: isFile ? 'file' : 'alias' };
      return withBase(/[a-z]/.test(extra) ? { ...found, derived: true } : found);
    },
  };
}

/** Every model's name, aliases and Hugging Face repository names as loose keys, longest first. */
function looseKeysOf(models: readonly Model[]): { key: string; model: Model }[] {
  const loose: { key: string; model: Model }[] = [];
  for (const model of models) {
    for (const id of model.huggingface) loose.push({ key: looseKey(id.split('/').pop() ?? id), model });
    for (const alias of [model.name, ...model.aliases]) loose.push({ key: looseKey(alias), model });
  }
  // Longest keys first, so "qwen2572b" wins over "qwen257b" inside "qwen2.5-72b-instruct".
  return loose.sort((a, b) => b.key.length - a.key.length);
}

export function looseKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
