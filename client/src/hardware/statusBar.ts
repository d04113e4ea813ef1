import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HardwareChangedNotification, HardwareStatusRequest, type HardwareStatus } from '../../../server/src/protocol';
import type { Ctx } from '../context';

const ICON: Record<HardwareStatus['hardware']['source'], string> = {
  detected: '$(circuit-board)',
  setting: '$(circuit-board)',
  pending: '$(sync~spin)',
  failed: '$(warning)',
};

/**
 * The status-bar item: the devices verdicts use and whether they were detected or set. It asks
 * the server once when the server starts and then follows HardwareChangedNotification, so a
 * finished detection or a changed setting shows without a reload. Clicking opens the report.
 */
export class HardwareStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('runlocalai.hardware', vscode.StatusBarAlignment.Right, 100);
  private readonly received = new vscode.EventEmitter<{ client: LanguageClient; status: HardwareStatus }>();
  /** Each status the server sends (at start and whenever the hardware in use changes). */
  readonly onDidReceive = this.received.event;
  private readonly disposables: vscode.Disposable[] = [this.item, this.received];

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'RunLocalAI hardware';
    this.item.command = 'runlocalai.showHardware';
    this.show({ hardware: { devices: [], source: 'pending' }, summary: 'Detecting hardware…' });
    this.disposables.push(ctx.onDidStart((client) => this.follow(client)));
    if (ctx.running) this.follow(ctx.running);
  }

  private follow(client: LanguageClient): void {
    const take = (status: HardwareStatus) => {
      this.show(status);
      this.received.fire({ client, status });
    };
    this.disposables.push(client.onNotification(HardwareChangedNotification.type, take));
    client.sendRequest(HardwareStatusRequest.type).then(take, (err: unknown) => this.ctx.log.warn(`hardware status: ${String(err)}`));
  }

  show(status: Pick<HardwareStatus, 'hardware' | 'summary'>): void {
    const hw = status.hardware;
    this.item.text = `${ICON[hw.source]} ${status.summary}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(`RunLocalAI: ${hw.source === 'setting' ? 'set in settings' : hw.source === 'detected' ? 'detected' : hw.source}`);
    if (hw.note) tooltip.appendText(`\n${hw.note}`);
    tooltip.appendText('\nClick for details and how to override.');
    this.item.tooltip = tooltip;
    // Failure is said here, once, not in a dialog that comes back with every retry.
    this.item.backgroundColor = hw.source === 'failed' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
