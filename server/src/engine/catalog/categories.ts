// Kept apart from the zod schema so that the language server, which only reads the compiled
// catalog, can list the categories without bundling zod (validation happens at build time).
/** The categories the glossary is browsed by, in the order a newcomer meets them. */
export const glossaryCategories = [
  'Generative AI',
  'Runtimes and tools',
  'Inference and serving',
  'Hardware and memory',
  'Quantization and formats',
  'Sampling',
  'Model architecture',
  'Attention',
  'Multimodal',
  'Retrieval and agents',
  'Training and fine-tuning',
  'Evaluation',
] as const;
export type GlossaryCategory = (typeof glossaryCategories)[number];
