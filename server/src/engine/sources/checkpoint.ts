import type { Catalog, Quantization } from '../catalog/schema';
import { HfConfigError, modelFromHfConfig, parseHfConfig, quantizationForConfig } from '../configs/hfConfig';
import { weightsBreakdown, type WeightsBreakdown } from '../estimate/weights';
import type { ByteReader } from './gguf';
import { decodeUtf8 } from './utf8';
import { SourceError, type ModelFacts, type Provenance, type SourceReaders } from './types';

/** config.json, indexes and safetensors headers are small; anything larger is refused. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** safetensors headers (JSON) of the largest checkpoints are a few hundred kilobytes. */
const MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024;
/** Shards of one checkpoint read for their headers. */
const MAX_SHARDS = 512;

/** Bytes of tensor data a safetensors file holds, from its header alone (8-byte length + JSON). */
export function safetensorsDataBytes(reader: ByteReader, name: string): number {
  if (reader.size < 8) throw new SourceError(`${name}: too short for a safetensors header`);
  const lenBytes = reader.read(0, 8);
  const len = Number(new DataView(lenBytes.buffer, lenBytes.byteOffset, 8).getBigUint64(0, true));
  if (len > MAX_SAFETENSORS_HEADER || len + 8 > reader.size)
    throw new SourceError(`${name}: safetensors header length ${len} is past the file's end`);
  const json = decodeUtf8(reader.read(8, len));
  let header: Record<string, { data_offsets?: [number, number] }>;
  try {
    header = JSON.parse(json);
  } catch {
    throw new SourceError(`${name}: the safetensors header is not JSON`);
  }
  let end = 0;
  for (const [k, v] of Object.entries(header)) {
    if (k === '__metadata__') continue;
    const o = v?.data_offsets;
    if (Array.isArray(o) && typeof o[1] === 'number') end = Math.max(end, o[1]);
  }
  return end;
}

/** Spreads an exact total over the parts the architecture predicts, so placement still works. */
export function scaleBreakdown(b: WeightsBreakdown, total: number, method: string): WeightsBreakdown {
  const f = b.totalBytes > 0 ? total / b.totalBytes : 1;
  const byType: Record<string, number> = {};
  for (const [k, v] of Object.entries(b.byType)) byType[k] = v * f;
  return {
    totalBytes: total,
    layerBytes: b.layerBytes.map((x) => x * f),
    layerExpertBytes: b.layerExpertBytes.map((x) => x * f),
    tokenEmbdBytes: b.tokenEmbdBytes * f,
    outputBytes: b.outputBytes * f,
    otherBytes: b.otherBytes * f,
    byType,
    method,
  };
}

function totalFromFolder(dir: string, readers: SourceReaders): { total: number; how: string } | undefined {
  const indexText = readers.readText(readers.join(dir, 'model.safetensors.index.json'), MAX_JSON_BYTES);
  if (indexText) {
    try {
      const total = (JSON.parse(indexText) as { metadata?: { total_size?: unknown } }).metadata?.total_size;
      if (typeof total === 'number' && total > 0) return { total, how: 'total_size of model.safetensors.index.json' };
    } catch {
      // fall back to the shards' headers
    }
  }
  const shards = (readers.list(dir) ?? []).filter((f) => f.endsWith('.safetensors')).sort();
  if (shards.length === 0 || shards.length > MAX_SHARDS) return undefined;
  let total = 0;
  for (const s of shards) total += safetensorsDataBytes(readers.open(readers.join(dir, s)), s);
  return { total, how: `headers of ${shards.length} safetensors file${shards.length > 1 ? 's' : ''}` };
}

/** Facts for a checkpoint folder: config.json for the architecture, the safetensors for the exact size. */
export function readCheckpointFolder(
  dir: string,
  name: string,
  provenance: Provenance,
  readers: SourceReaders,
  catalog: Pick<Catalog, 'quantizations'>,
): ModelFacts | undefined {
  const text = readers.readText(readers.join(dir, 'config.json'), MAX_JSON_BYTES);
  if (text === undefined) return undefined;
  let info;
  try {
    info = parseHfConfig(text);
  } catch (e) {
    if (e instanceof HfConfigError) throw new SourceError(`${readers.join(dir, 'config.json')}: ${e.message}`, dir);
    throw e;
  }
  const model = modelFromHfConfig(info, name, {
    title: 'config.json',
    url: 'https://huggingface.co/docs/transformers/main_classes/configuration',
  });
  const quant: Quantization = quantizationForConfig(info, catalog);
  const found = totalFromFolder(dir, readers);
  const weights = found
    ? scaleBreakdown(
        weightsBreakdown(model, quant),
        found.total,
        `exact total ${found.total} B (${found.how}), spread over layers by the architecture`,
      )
    : undefined;
  return { model, quant, weights, provenance, warnings: [...info.warnings] };
}
