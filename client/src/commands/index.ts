import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { registerGlossary } from '../glossary';
import { hardwareCommands } from '../hardware/commands';
import { pickGpu } from '../hardware/pickGpu';
import { compareGpus } from './compareGpus';
import { confirmWithRuntime } from './confirmWithRuntime';
import { openExample } from './openExample';
import { openKbEntry } from './openKbEntry';
import { willItRun } from './willItRun';

type Factory = (ctx: Ctx) => (...args: never[]) => unknown;

const factories: Record<string, Factory> = {
  'runlocalai.willItRun': willItRun,
  'runlocalai.openKbEntry': openKbEntry,
  'runlocalai.compareGpus': compareGpus,
  'runlocalai.confirmWithRuntime': confirmWithRuntime,
  'runlocalai.pickGpu': pickGpu,
  'runlocalai.openExample': openExample,
  ...hardwareCommands,
  'runlocalai.showLog': (ctx) => () => ctx.log.show(),
  'runlocalai.restartServer': (ctx) => async () => {
    await ctx.restart();
    void vscode.window.showInformationMessage('RunLocalAI: language server restarted.');
  },
};

export function registerCommands(ctx: Ctx): void {
  for (const [name, factory] of Object.entries(factories)) {
    ctx.push(vscode.commands.registerCommand(name, factory(ctx)));
  }
  registerGlossary(ctx);
}
