import * as os from 'node:os';
import * as path from 'node:path';

/** Where each store lives, from the options, the environment and the platform's defaults. */
export interface StoreLocations {
  ollamaModels: string[];
  hfHub: string;
  lmStudio: string[];
}

export interface StoreOverrides {
  ollamaModels?: string;
  hfCache?: string;
  modelsDirs?: string[];
}

/**
 * Ollama's models folders: OLLAMA_MODELS, else ~/.ollama/models (macOS, Windows, `ollama serve` run
 * by the user) and, on Linux, /usr/share/ollama/.ollama/models, where the systemd service of the
 * install script keeps them (Ollama's FAQ, "Where are models stored?").
 */
export function defaultOllamaModels(env: NodeJS.ProcessEnv, home = os.homedir(), platform = process.platform): string[] {
  if (env.OLLAMA_MODELS) return [env.OLLAMA_MODELS];
  const user = path.join(home, '.ollama', 'models');
  return platform === 'linux' ? [user, '/usr/share/ollama/.ollama/models'] : [user];
}

/** The Hugging Face hub cache: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub. */
export function defaultHfHub(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HF_HOME) return path.join(env.HF_HOME, 'hub');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'huggingface', 'hub');
}

/** LM Studio's models folders: ~/.lmstudio/models (current) and ~/.cache/lm-studio/models (before 0.3). */
export function defaultLmStudio(home = os.homedir()): string[] {
  return [path.join(home, '.lmstudio', 'models'), path.join(home, '.cache', 'lm-studio', 'models')];
}

export function storeLocations(overrides: StoreOverrides, env: NodeJS.ProcessEnv, home = os.homedir()): StoreLocations {
  return {
    ollamaModels: overrides.ollamaModels ? [overrides.ollamaModels] : defaultOllamaModels(env, home),
    hfHub: overrides.hfCache || defaultHfHub(env, home),
    lmStudio: overrides.modelsDirs?.length ? overrides.modelsDirs : defaultLmStudio(home),
  };
}
