import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WillItRunJson, WillItRunParams } from '../../../server/src/protocol';
import { panelHtml, parsePanelMessage } from './panelHtml';

export interface ShownAnswer {
  answer: WillItRunJson;
  markdown: string;
  params: WillItRunParams;
}

/**
 * The one Will-it-run panel (a webview): the verdict, a stacked bar per device, the alternatives
 * a click away (each re-asks with its change), and "Copy as Markdown". Reused, not stacked.
 */
export class WillItRunPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ShownAnswer | undefined;
  /** The verdict as the page itself rendered it (tests read it through runlocalai.debug.panelState). */
  private renderedVerdict: string | undefined;

  constructor(private readonly rerun: (params: WillItRunParams) => Promise<unknown>) {}

  show(s: ShownAnswer): void {
    this.shown = s;
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
    this.panel.webview.html = panelHtml(s.answer, { nonce, cspSource: this.panel.webview.cspSource });
    this.panel.reveal(vscode.ViewColumn.Beside, false);
  }

  state(): { visible: boolean; title?: string; verdict?: string } {
    return { visible: !!this.panel, title: this.panel?.title, verdict: this.renderedVerdict };
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
    } else {
      const change = s.answer.alternatives[m.index].change;
      if (change.gpu) {
        void vscode.window.showInformationMessage(`RunLocalAI: set "runlocalai.gpu" to "${change.gpu}" to judge against that GPU.`);
        return;
      }
      const base = s.params.uri ? { model: s.answer.model, quant: s.answer.quant, ctx: s.answer.ctx } : s.params;
      await this.rerun({
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
