import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type {
  FitParamsAvailability,
  FitParamsConfirmation,
  GpuComparison,
  WillItRunJson,
  WillItRunParams,
} from '../../../server/src/protocol';
import { panelHtml, parsePanelMessage } from './panelHtml';

export interface ShownAnswer {
  answer: WillItRunJson;
  markdown: string;
  params: WillItRunParams;
}

/** What the panel asks its owner to do (commands, so tests and the palette reach the same code). */
export interface PanelActions {
  rerun(params: WillItRunParams): Promise<unknown>;
  compare(): Promise<unknown>;
  confirm(): Promise<unknown>;
  /** Whether "Confirm with llama.cpp" can run for this answer (the server knows the PATH and the trust). */
  confirmAvailability(a: WillItRunJson): Promise<FitParamsAvailability | undefined>;
}

/**
 * The one Will-it-run panel (a webview): the verdict, a stacked bar per device, the alternatives
 * a click away (each re-asks with its change), "Copy as Markdown", "Compare GPUs…" and
 * "Confirm with llama.cpp" (their results appear as sections). Reused, not stacked.
 */
export class WillItRunPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ShownAnswer | undefined;
  private comparison: GpuComparison | undefined;
  private confirmation: FitParamsConfirmation | undefined;
  private availability: FitParamsAvailability | undefined;
  /** The verdict as the page itself rendered it (tests read it through runlocalai.debug.panelState). */
  private renderedVerdict: string | undefined;

  constructor(private readonly actions: PanelActions) {}

  /** The answer on show, if any (Compare GPUs and Confirm ask about it). */
  get current(): ShownAnswer | undefined {
    return this.panel ? this.shown : undefined;
  }

  async show(s: ShownAnswer): Promise<void> {
    this.shown = s;
    this.comparison = undefined;
    this.confirmation = undefined;
    this.availability = await this.actions.confirmAvailability(s.answer).catch(() => undefined);
    if (this.shown === s) this.render();
  }

  showComparison(c: GpuComparison): void {
    this.comparison = c;
    if (this.shown) this.render();
  }

  showConfirmation(c: FitParamsConfirmation): void {
    this.confirmation = c;
    if (this.shown) this.render();
  }

  private render(): void {
    const s = this.shown!;
    this.renderedVerdict = undefined;
    const title = `Will it run? ${s.answer.modelName}`;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('runlocalai.willItRun', title, vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m));
    }
    this.panel.title = title;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = panelHtml(s.answer, {
      nonce,
      cspSource: this.panel.webview.cspSource,
      comparison: this.comparison,
      confirmation: this.confirmation,
      confirm: this.availability,
    });
    this.panel.reveal(vscode.ViewColumn.Beside, false);
  }

  state(): {
    visible: boolean;
    title?: string;
    verdict?: string;
    comparedGpus?: string[];
    confirmed?: FitParamsConfirmation;
    confirmAvailability?: FitParamsAvailability;
  } {
    return {
      visible: !!this.panel,
      title: this.panel?.title,
      verdict: this.renderedVerdict,
      comparedGpus: this.comparison?.rows.map((r) => r.label),
      confirmed: this.confirmation,
      confirmAvailability: this.availability,
    };
  }

  private async onMessage(raw: unknown): Promise<void> {
    const s = this.shown;
    if (!s) return;
    const m = parsePanelMessage(raw, s.answer.alternatives.length);
    if (!m) return;
    if (m.type === 'rendered') {
      this.renderedVerdict = m.verdict;
    } else if (m.type === 'copy') {
      await vscode.env.clipboard.writeText(s.markdown);
      void vscode.window.showInformationMessage('RunLocalAI: the report is on the clipboard as Markdown.');
    } else if (m.type === 'compare') {
      await this.actions.compare();
    } else if (m.type === 'confirm') {
      await this.actions.confirm();
    } else {
      const change = s.answer.alternatives[m.index].change;
      if (change.gpu) {
        void vscode.window.showInformationMessage(`RunLocalAI: set "runlocalai.gpu" to "${change.gpu}" to judge against that GPU.`);
        return;
      }
      const base = s.params.uri ? { model: s.answer.model, quant: s.answer.quant, ctx: s.answer.ctx } : s.params;
      await this.actions.rerun({
        ...base,
        model: change.model ?? base.model ?? s.answer.model,
        quant: change.model ? undefined : (change.quant ?? base.quant),
        ctx: change.ctx ?? base.ctx ?? s.answer.ctx,
        kvType: (change.kvType as WillItRunParams['kvType']) ?? base.kvType,
        flashAttention: change.flashAttention ?? base.flashAttention,
        show: true,
      });
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
