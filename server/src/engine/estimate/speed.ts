/**
 * Generation speed from memory bandwidth: decoding one token reads every active weight once
 * (and the filled part of the KV cache), so tokens/s ≈ bandwidth × efficiency / bytes per token.
 * With partial offload the GPU and CPU parts run one after the other and their times add.
 */
export const DECODE_EFFICIENCY = 0.7;
/** System RAM bandwidth assumed when nothing better is known (dual-channel DDR5). */
export const DEFAULT_RAM_BANDWIDTH_GBS = 60;

export interface SpeedInput {
  /** Bytes read per token on each GPU, with that GPU's bandwidth in GB/s. */
  gpu: { bytes: number; bandwidthGBs?: number }[];
  cpuBytes: number;
  ramBandwidthGBs?: number;
}

export interface SpeedEstimate {
  tokensPerSecond?: number;
  basis: string;
}

export function estimateSpeed(s: SpeedInput): SpeedEstimate {
  const ramBw = s.ramBandwidthGBs ?? DEFAULT_RAM_BANDWIDTH_GBS;
  let seconds = 0;
  const parts: string[] = [];
  for (const g of s.gpu) {
    if (g.bytes <= 0) continue;
    if (!g.bandwidthGBs) return { basis: 'GPU memory bandwidth unknown' };
    seconds += g.bytes / (g.bandwidthGBs * 1e9 * DECODE_EFFICIENCY);
    parts.push(`${(g.bytes / 1e9).toFixed(2)} GB at ${g.bandwidthGBs} GB/s`);
  }
  if (s.cpuBytes > 0) {
    seconds += s.cpuBytes / (ramBw * 1e9 * DECODE_EFFICIENCY);
    parts.push(`${(s.cpuBytes / 1e9).toFixed(2)} GB from system RAM at ${ramBw} GB/s${s.ramBandwidthGBs ? '' : ' (assumed)'}`);
  }
  if (seconds <= 0) return { basis: 'nothing to read' };
  const tps = 1 / seconds;
  return {
    tokensPerSecond: Math.round(tps * 10) / 10,
    basis: `bytes read per token: ${parts.join(' + ')}, at ${DECODE_EFFICIENCY * 100}% of peak bandwidth; an upper-bound estimate for a single sequence`,
  };
}
