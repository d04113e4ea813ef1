import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import { HealthRequest, type HealthReport } from '../../server/src/protocol';
import type { Ctx } from './context';

export interface WatchdogOptions {
  /** How often the server is asked whether it answers. */
  intervalMs: number;
  /** How long an answer may take before the server counts as hung. */
  deadlineMs: number;
  /** Restarts allowed within `windowMs`; past them the watchdog gives up and says so. */
  maxRestarts: number;
  windowMs: number;
}

export const defaultWatchdogOptions: WatchdogOptions = { intervalMs: 30_000, deadlineMs: 10_000, maxRestarts: 3, windowMs: 10 * 60_000 };

/**
 * Keeps the language server answering: a server that exits is restarted by the client (through
 * `errorHandler`), one that stops answering the health request within the deadline is restarted
 * by the watchdog. Restarts are bounded; the user is told once, the log says why every time.
 */
export class Watchdog implements vscode.Disposable {
  private readonly restarts: number[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private told = false;
  private checking = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly options: WatchdogOptions = defaultWatchdogOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.intervalMs);
  }

  /** The server's answer to a health request within the deadline; undefined when none came. */
  async health(): Promise<HealthReport | undefined> {
    const client = this.ctx.running;
    if (!client) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.options.deadlineMs)));
    try {
      return await Promise.race([client.sendRequest(HealthRequest.type).catch(() => undefined), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** For the language client: restart a server that exited, within the same bound. */
  readonly errorHandler: ErrorHandler = {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      if (!this.mayRestart('the language server exited')) return { action: CloseAction.DoNotRestart, handled: true };
      return { action: CloseAction.Restart, handled: true };
    },
  };

  private async check(): Promise<void> {
    if (this.checking || !this.ctx.running) return;
    this.checking = true;
    try {
      if (await this.health()) return;
      if (!this.ctx.running) return; // stopped or restarting meanwhile: not a hang
      if (this.mayRestart(`the language server did not answer a health check within ${this.options.deadlineMs / 1000} s`)) {
        await this.ctx.restart();
      }
    } finally {
      this.checking = false;
    }
  }

  /** Records a restart when the bound allows one; logs why either way and tells the user once. */
  private mayRestart(why: string): boolean {
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0] > this.options.windowMs) this.restarts.shift();
    const allowed = this.restarts.length < this.options.maxRestarts;
    if (allowed) {
      this.restarts.push(now);
      this.ctx.log.warn(
        `${why}; restarting it (${this.restarts.length} of ${this.options.maxRestarts} restarts allowed per ${this.options.windowMs / 60_000} min)`,
      );
    } else {
      this.ctx.log.error(
        `${why}; not restarting it again: ${this.options.maxRestarts} restarts within ${this.options.windowMs / 60_000} min`,
      );
    }
    if (!this.told) {
      this.told = true;
      const text = allowed
        ? 'RunLocalAI: the language server stopped answering and was restarted. See "RunLocalAI: Show log" for why.'
        : 'RunLocalAI: the language server keeps failing and was not restarted. See "RunLocalAI: Show log".';
      void vscode.window.showWarningMessage(text);
    }
    return allowed;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
