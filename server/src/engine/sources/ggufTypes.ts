import { GGML_TYPES } from '../estimate/ggmlTypes';

/** Storage of one ggml tensor type: `bytes` hold `weights` values. */
export interface TensorTypeInfo {
  name: string;
  bytes: number;
  weights: number;
}

// ggml/include/ggml.h `enum ggml_type`: the numbers a GGUF tensor info carries (4, 5 and 31–33,
// 36–38 were removed and never appear in files this reader accepts).
const TYPE_IDS: Record<number, string> = {
  0: 'f32',
  1: 'f16',
  2: 'q4_0',
  3: 'q4_1',
  6: 'q5_0',
  7: 'q5_1',
  8: 'q8_0',
  9: 'q8_1',
  10: 'q2_k',
  11: 'q3_k',
  12: 'q4_k',
  13: 'q5_k',
  14: 'q6_k',
  15: 'q8_k',
  16: 'iq2_xxs',
  17: 'iq2_xs',
  18: 'iq3_xxs',
  19: 'iq1_s',
  20: 'iq4_nl',
  21: 'iq3_s',
  22: 'iq2_s',
  23: 'iq4_xs',
  24: 'i8',
  25: 'i16',
  26: 'i32',
  27: 'i64',
  28: 'f64',
  29: 'iq1_m',
  30: 'bf16',
  34: 'tq1_0',
  35: 'tq2_0',
  39: 'mxfp4',
};

// Types the estimator's table does not list because no quantization recipe produces them as
// weights: block structs of ggml/src/ggml-common.h (block_q8_1: 2 halves + 32 int8; block_q8_K:
// float + 256 int8 + 16 int16; block_tq1_0: 48 + 4 + half; block_tq2_0: 64 + half) and plain integers.
const EXTRA_TYPES: Record<string, { bytes: number; weights: number }> = {
  q8_1: { bytes: 36, weights: 32 },
  q8_k: { bytes: 292, weights: 256 },
  tq1_0: { bytes: 54, weights: 256 },
  tq2_0: { bytes: 66, weights: 256 },
  i8: { bytes: 1, weights: 1 },
  i16: { bytes: 2, weights: 1 },
  i32: { bytes: 4, weights: 1 },
  i64: { bytes: 8, weights: 1 },
  f64: { bytes: 8, weights: 1 },
};

/** The storage of ggml type `id`, or undefined for a number this reader does not know. */
export function tensorType(id: number): TensorTypeInfo | undefined {
  const name = TYPE_IDS[id];
  if (!name) return undefined;
  const known = (GGML_TYPES as Record<string, { bytes: number; weights: number }>)[name] ?? EXTRA_TYPES[name];
  return known ? { name, ...known } : undefined;
}

// include/llama.h `enum llama_ftype`: what general.file_type says the file was quantized as.
const FILE_TYPES: Record<number, string> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};

export function fileTypeName(id: number | undefined): string | undefined {
  return id === undefined ? undefined : FILE_TYPES[id];
}
