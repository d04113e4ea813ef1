/**
 * Storage of llama.cpp tensor types: `bytes` hold `weights` values (ggml/src/ggml-common.h
 * block structs; K-quants and i-quants use 256-weight super-blocks).
 */
export const GGML_TYPES = {
  f32: { bytes: 4, weights: 1 },
  f16: { bytes: 2, weights: 1 },
  bf16: { bytes: 2, weights: 1 },
  q4_0: { bytes: 18, weights: 32 },
  q4_1: { bytes: 20, weights: 32 },
  q5_0: { bytes: 22, weights: 32 },
  q5_1: { bytes: 24, weights: 32 },
  q8_0: { bytes: 34, weights: 32 },
  q2_k: { bytes: 84, weights: 256 },
  q3_k: { bytes: 110, weights: 256 },
  q4_k: { bytes: 144, weights: 256 },
  q5_k: { bytes: 176, weights: 256 },
  q6_k: { bytes: 210, weights: 256 },
  iq1_s: { bytes: 50, weights: 256 },
  iq1_m: { bytes: 56, weights: 256 },
  iq2_xxs: { bytes: 66, weights: 256 },
  iq2_xs: { bytes: 74, weights: 256 },
  iq2_s: { bytes: 82, weights: 256 },
  iq3_xxs: { bytes: 98, weights: 256 },
  iq3_s: { bytes: 110, weights: 256 },
  iq4_nl: { bytes: 18, weights: 32 },
  iq4_xs: { bytes: 136, weights: 256 },
  mxfp4: { bytes: 17, weights: 32 },
  // Ternary: five trits per byte plus four per byte and an f16 scale (48 + 4 + 2), and two bits each plus a scale.
  tq1_0: { bytes: 54, weights: 256 },
  tq2_0: { bytes: 66, weights: 256 },
} as const;

export type GgmlType = keyof typeof GGML_TYPES;

/** Bytes of one row of `n` values (ggml_row_size); `n` must be a whole number of blocks. */
export function rowSize(type: GgmlType, n: number): number {
  const t = GGML_TYPES[type];
  return (t.bytes * n) / t.weights;
}

export function blockSize(type: GgmlType): number {
  return GGML_TYPES[type].weights;
}

export function bitsPerWeight(type: GgmlType): number {
  const t = GGML_TYPES[type];
  return (t.bytes * 8) / t.weights;
}
