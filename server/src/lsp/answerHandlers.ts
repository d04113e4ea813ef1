import type { Connection } from 'vscode-languageserver/node';
import type { CatalogSource } from '../catalogFile';
import { compareGpus } from '../engine/answer/compareGpus';
import { gpuChoices } from '../engine/answer/gpuChoices';
import { checkGpuSetting } from '../engine/answer/gpuSettingCheck';
import type { Hardware } from '../engine/hardware/types';
import type { LanguageService } from '../engine/languageService';
import {
  CompareGpusRequest,
  ConfirmWithRuntimeRequest,
  FitParamsAvailabilityRequest,
  GpuChoicesRequest,
  GpuSettingCheckRequest,
  type RunLocalAISettings,
} from '../protocol';
import { confirmWithRuntime, fitParamsAvailability } from '../runtime/llamaFitParams';
import { questionOfParams } from './questionParams';

export interface AnswerHandlerDeps {
  catalog: CatalogSource;
  service: () => LanguageService;
  settings: () => Promise<RunLocalAISettings>;
  hardware: () => Promise<Hardware>;
  /** The workspace is trusted: only then may a llama.cpp tool run. */
  trusted: () => boolean;
}

/**
 * The GPU setting's meaning, the catalog's GPUs, "Compare GPUs for this model" and "Confirm with
 * llama.cpp": each a few lines over the engine (and, for the last, over the tool's runner).
 */
export function registerAnswerHandlers(connection: Connection, deps: AnswerHandlerDeps): void {
  connection.onRequest(GpuSettingCheckRequest.type, async () => {
    const s = await deps.settings();
    return checkGpuSetting(s.gpu, s.vramGB, deps.catalog());
  });
  connection.onRequest(GpuChoicesRequest.type, () => gpuChoices(deps.catalog()));
  connection.onRequest(CompareGpusRequest.type, async (p) => {
    if (typeof p?.model !== 'string' || !Array.isArray(p.gpus)) return { error: 'Give a model and the GPUs to compare.' };
    const question = questionOfParams({ ...p, model: p.model });
    const gpus = p.gpus.filter((g): g is string => typeof g === 'string');
    const r = compareGpus(question, gpus, { catalog: deps.catalog(), models: deps.service().models, hardware: await deps.hardware() });
    return r.ok ? r.result : { error: r.error, suggestions: r.suggestions };
  });
  const answerOf = (p: unknown) => {
    const answer = (p as { answer?: unknown } | null)?.answer;
    return answer && typeof answer === 'object' ? { answer: answer as never } : undefined;
  };
  connection.onRequest(FitParamsAvailabilityRequest.type, (p) => {
    const q = answerOf(p);
    return q ? fitParamsAvailability(q, deps.trusted()) : { available: false as const, reason: 'No answer to confirm.' };
  });
  connection.onRequest(ConfirmWithRuntimeRequest.type, (p) => {
    const q = answerOf(p);
    return q ? confirmWithRuntime(q, deps.trusted()) : { available: false as const, reason: 'No answer to confirm.' };
  });
}
