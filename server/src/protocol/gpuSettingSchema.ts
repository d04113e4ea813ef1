// `runlocalai.gpu` in package.json offers the catalog's GPU names while still taking any text:
// VS Code's Settings editor shows a drop-down (which refuses other values) only for a top-level
// `enum`, so the names sit in an `anyOf` branch beside a plain string. settings.json then completes
// them, each with its memory and bandwidth, and accepts whatever else is written without a warning.
// `npm run catalog:gpu-setting` writes this into package.json; a unit test checks they agree.
import type { GpuChoice } from './wire';

export interface GpuSettingSuggestions {
  anyOf: [{ enum: string[]; enumDescriptions: string[] }, { type: 'string' }];
}

export const GPU_SETTING_KEYWORDS = [
  { value: 'auto', description: 'Detect the GPU with systeminformation.' },
  { value: 'none', description: 'No GPU: verdicts for CPU inference from system RAM.' },
] as const;

export function gpuSettingSuggestions(gpus: readonly GpuChoice[]): GpuSettingSuggestions {
  return {
    anyOf: [
      {
        enum: [...GPU_SETTING_KEYWORDS.map((k) => k.value), ...gpus.map((g) => g.name)],
        enumDescriptions: [...GPU_SETTING_KEYWORDS.map((k) => k.description), ...gpus.map((g) => g.detail)],
      },
      { type: 'string' },
    ],
  };
}
