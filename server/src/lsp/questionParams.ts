import type { WillItRunQuestion } from '../engine/answer/types';
import type { WillItRunParams } from '../protocol';

/** The engine's question from a request's model and settings (Will it run?, Compare GPUs): the one place they are copied. */
export function questionOfParams(p: Omit<WillItRunParams, 'uri' | 'show'> & { model: string }): WillItRunQuestion {
  return {
    model: p.model,
    quant: p.quant,
    ctx: p.ctx,
    runtime: p.runtime,
    kvType: p.kvType,
    flashAttention: p.flashAttention,
    parallel: p.parallel,
  };
}
