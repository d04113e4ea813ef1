import { appleGpuWorkingSetBytes } from '../hardware/appleWorkingSet';
import type { GpuDevice, Hardware } from '../hardware/types';

/** Memory one device can give the runtime: free VRAM where known, the working-set share on Apple. */
export function deviceUsableBytes(d: GpuDevice, hardware: Hardware): number {
  let total = d.totalBytes;
  // The hardware shell should already pass the GPU's share; guard against whole-RAM figures,
  // but never against a figure the user set.
  if (
    d.unified &&
    d.vendor === 'apple' &&
    d.memorySource !== 'setting' &&
    hardware.ramBytes !== undefined &&
    total >= hardware.ramBytes * 0.95
  ) {
    total = appleGpuWorkingSetBytes(hardware.ramBytes);
  }
  return Math.max(0, Math.min(total, d.freeBytes ?? total));
}

export interface LayerPlacementInput {
  /** Usable bytes of each device, in the runtime's order. */
  capacities: number[];
  /** Fixed cost on every device that holds layers (reserve + compute scratch). */
  fixedPerDevice: number;
  /** Bytes of each layer on the GPU (weights + its KV cache). */
  layerBytes: number[];
  /** Output layer + logits, placed with the last layer. */
  outputBytes: number;
}

export interface LayerPlacement {
  gpuLayers: number;
  outputOnGpu: boolean;
  /** Bytes placed on each device. */
  deviceBytes: number[];
  /** Layers on each device. */
  deviceLayers: number[];
}

/**
 * Layer split: fills devices in order, each with its own fixed cost; the output layer needs the
 * room left after the last layer. Never sums VRAM: a layer that fits on no single device's
 * remainder stays on the CPU.
 */
export function placeLayers(p: LayerPlacementInput): LayerPlacement {
  const n = p.layerBytes.length;
  const deviceBytes = p.capacities.map(() => 0);
  const deviceLayers = p.capacities.map(() => 0);
  let next = 0;
  let lastDevice = -1;
  for (let d = 0; d < p.capacities.length && next < n; d++) {
    let room = p.capacities[d] - p.fixedPerDevice;
    if (room < p.layerBytes[next]) continue;
    deviceBytes[d] += p.fixedPerDevice;
    while (next < n && room >= p.layerBytes[next]) {
      room -= p.layerBytes[next];
      deviceBytes[d] += p.layerBytes[next];
      deviceLayers[d]++;
      next++;
    }
    lastDevice = d;
  }
  let outputOnGpu = false;
  if (next === n && lastDevice >= 0) {
    // The output goes with the last layer; if it does not fit there, try moving to a later device.
    for (let d = lastDevice; d < p.capacities.length; d++) {
      const used = deviceBytes[d] || p.fixedPerDevice;
      if (p.capacities[d] - used >= p.outputBytes) {
        if (deviceBytes[d] === 0) deviceBytes[d] = p.fixedPerDevice;
        deviceBytes[d] += p.outputBytes;
        outputOnGpu = true;
        break;
      }
    }
  }
  return { gpuLayers: next, outputOnGpu, deviceBytes, deviceLayers };
}
