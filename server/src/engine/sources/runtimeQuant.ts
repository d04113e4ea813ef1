import type { Catalog, Quantization } from '../catalog/schema';
import { quantizationForConfig, type HfConfigInfo } from '../configs/hfConfig';
import type { Runtime } from '../estimate/types';
import type { ModelFacts } from './types';

/**
 * The weights' format follows the runtime when the reference names none: Ollama pulls the tag's
 * own quantization and llama.cpp loads the GGUF it is given (both: the facts' quantization, or the
 * catalog default later), while vLLM and Transformers load the checkpoint in its dtype or its
 * quantization_config.
 */
export function quantizationForRuntime(
  runtime: Runtime,
  facts: ModelFacts,
  catalog: Pick<Catalog, 'quantizations'>,
): Quantization | undefined {
  if (runtime !== 'vllm' || facts.quant) return facts.quant;
  const d = facts.model.dtype;
  const packed = d === 'fp8' || d === 'mxfp4';
  const info = { dtype: packed ? 'bf16' : d, quantization: packed ? { method: d } : undefined } as Pick<
    HfConfigInfo,
    'dtype' | 'quantization'
  >;
  return quantizationForConfig(info as HfConfigInfo, catalog);
}
