import * as vscode from 'vscode';
import { GpuChoicesRequest, type GpuChoice } from '../../../server/src/protocol';
import type { Ctx } from '../context';

type GpuItem = vscode.QuickPickItem & { value: string };

/** Writes runlocalai.gpu where it is set now (folder, workspace or user settings), so the value in effect changes. */
export async function writeGpuSetting(value: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('runlocalai');
  const where = config.inspect<string>('gpu');
  const target =
    where?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update('gpu', value, target);
}

/** A QuickPick of catalog GPUs (one, or several for a comparison); `auto` and `none` head the single choice. */
export async function pickCatalogGpus(
  choices: readonly GpuChoice[],
  options: { title: string; many: boolean; picked?: readonly string[]; keywords?: boolean },
): Promise<string[] | undefined> {
  const keywordItems: GpuItem[] = options.keywords
    ? [
        { label: 'auto', description: 'detect the GPU', value: 'auto' },
        { label: 'none', description: 'CPU only', value: 'none' },
      ]
    : [];
  const items: GpuItem[] = [
    ...keywordItems,
    ...choices.map((c) => ({ label: c.name, description: c.detail, value: c.name, picked: options.picked?.includes(c.name) })),
  ];
  const qp = vscode.window.createQuickPick<GpuItem>();
  qp.title = options.title;
  qp.placeholder = options.many ? 'Type to filter; pick the GPUs to compare' : 'Type to filter the catalog GPUs';
  qp.canSelectMany = options.many;
  qp.matchOnDescription = true;
  qp.items = items;
  if (options.many) qp.selectedItems = items.filter((i) => i.picked);
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const chosen = options.many ? qp.selectedItems : qp.selectedItems.length ? qp.selectedItems : qp.activeItems;
      resolve(chosen.map((i) => i.value));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** RunLocalAI: Pick a GPU — writes runlocalai.gpu from the catalog (or `{ name }`, for tests and links). */
export function pickGpu(ctx: Ctx) {
  return async (args?: { name?: string }): Promise<string | undefined> => {
    let name = typeof args?.name === 'string' ? args.name : undefined;
    if (name === undefined) {
      const client = ctx.clientOrWarn();
      if (!client) return undefined;
      const choices = await client.sendRequest(GpuChoicesRequest.type);
      name = (await pickCatalogGpus(choices, { title: 'RunLocalAI: the GPU verdicts are computed for', many: false, keywords: true }))?.[0];
    }
    if (!name) return undefined;
    await writeGpuSetting(name);
    ctx.log.info(`runlocalai.gpu set to "${name}"`);
    return name;
  };
}
