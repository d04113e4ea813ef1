// The engine's hardware API, for the shells (LSP, CLI, detection service).
export { appleGpuWorkingSetBytes } from './appleWorkingSet';
export { describeHardware, hardwareMarkdown, summarizeHardware, type HardwareDescription } from './describe';
export { hardwareFromSettings, resolveHardware, type HardwareSettings } from './fromSettings';
export { hardwareFromSystemInformation } from './fromSystemInformation';
export { looseMatchGpu, matchGpu, type GpuMatch } from './matchGpu';
export type { RawGraphicsController, RawHardware } from './raw';
export { noHardwareYet, type GpuDevice, type Hardware, type HardwareSource, type MemorySource } from './types';
