import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GpuSettingCheckRequest, type GpuSettingCheck, type HardwareStatus } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { pickCatalogGpus, writeGpuSetting } from './pickGpu';

const VARIANT_NOTICES = 'runlocalai.gpu.variantNoticesShown';
const PICK = 'Pick a GPU';
const CHOOSE_VARIANT = 'Choose variant';

/** The last notice shown (tests read it through runlocalai.debug.gpuSettingNotice). */
export interface GpuSettingNoticeState {
  kind: 'unknown' | 'variant';
  value: string;
  message: string;
  buttons: string[];
}

/**
 * Says what runlocalai.gpu means whenever the hardware in use changes: a name the catalog does not
 * know gets a warning with the nearest names and "Pick a GPU" (never a silent fallback to detection);
 * a name whose memory variants differ gets, once, which variant verdicts assume and "Choose variant".
 */
export class GpuSettingNotice {
  private readonly warned = new Set<string>();
  private last: GpuSettingNoticeState | undefined;

  constructor(private readonly ctx: Ctx) {}

  state(): GpuSettingNoticeState | undefined {
    return this.last;
  }

  /** Called with every hardware status the status bar shows. */
  async onStatus(client: LanguageClient, status: Pick<HardwareStatus, 'summary'>): Promise<void> {
    const check = await client.sendRequest(GpuSettingCheckRequest.type).catch((err: unknown) => {
      this.ctx.log.warn(`gpu setting check: ${String(err)}`);
      return undefined;
    });
    if (check?.state === 'unknown') await this.warnUnknown(check, status.summary);
    else if (check?.assumed) await this.sayVariant(check);
  }

  private async warnUnknown(check: GpuSettingCheck, summary: string): Promise<void> {
    if (this.warned.has(check.value)) return;
    this.warned.add(check.value);
    const nearest = check.suggestions.length ? ` Nearest: ${check.suggestions.join(', ')}.` : '';
    const message = `RunLocalAI: runlocalai.gpu "${check.value}" is not a GPU in the catalog, so verdicts use the detected hardware (${summary}).${nearest}`;
    const use = check.suggestions[0] ? `Use ${check.suggestions[0]}` : undefined;
    const buttons = [PICK, ...(use ? [use] : [])];
    this.last = { kind: 'unknown', value: check.value, message, buttons };
    this.ctx.log.warn(message);
    const choice = await vscode.window.showWarningMessage(message, ...buttons);
    if (choice === PICK) await vscode.commands.executeCommand('runlocalai.pickGpu');
    else if (choice && choice === use) await writeGpuSetting(check.suggestions[0]);
  }

  private async sayVariant(check: GpuSettingCheck): Promise<void> {
    const assumed = check.assumed!;
    const shown = this.ctx.extension.globalState.get<string[]>(VARIANT_NOTICES) ?? [];
    if (shown.includes(check.value)) return;
    await this.ctx.extension.globalState.update(VARIANT_NOTICES, [...shown, check.value].slice(-50));
    const message = `RunLocalAI: ${assumed.note}.`;
    this.last = { kind: 'variant', value: check.value, message, buttons: [CHOOSE_VARIANT] };
    const choice = await vscode.window.showInformationMessage(message, CHOOSE_VARIANT);
    if (choice !== CHOOSE_VARIANT) return;
    const picked = await pickCatalogGpus(
      assumed.variants.map((name) => ({ name, detail: name === assumed.gpu ? 'assumed now' : '' })),
      { title: `Which ${check.value}?`, many: false },
    );
    if (picked?.[0]) await writeGpuSetting(picked[0]);
  }
}
