import * as vscode from 'vscode';
import { defaultSettings, type RunLocalAISettings } from '../../server/src/protocol';

/** Reads `runlocalai.*` for a resource and fills in defaults, so the server never sees junk. */
export function readSettings(scope?: vscode.ConfigurationScope): RunLocalAISettings {
  const c = vscode.workspace.getConfiguration('runlocalai', scope);
  const gpu = c.get<string>('gpu', defaultSettings.gpu);
  const gpuCount = c.get<number>('gpuCount', defaultSettings.gpuCount);
  const vramGB = c.get<number | null>('vramGB', defaultSettings.vramGB);
  const ramGB = c.get<number | null>('ramGB', defaultSettings.ramGB);
  return {
    gpu: typeof gpu === 'string' && gpu.trim() ? gpu.trim() : defaultSettings.gpu,
    gpuCount: Number.isInteger(gpuCount) && gpuCount >= 1 ? gpuCount : defaultSettings.gpuCount,
    vramGB: typeof vramGB === 'number' && vramGB > 0 ? vramGB : null,
    ramGB: typeof ramGB === 'number' && ramGB > 0 ? ramGB : null,
  };
}
