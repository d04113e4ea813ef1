import type { ErrorEntry } from '../catalog/schema';
import type { EngineAction } from '../types';

/**
 * How hovers link to actions: `command` where the client runs our VS Code commands from trusted
 * hover Markdown (the extension says so at initialize), `web` everywhere else, where a `command:`
 * link would do nothing and the KB's web page is the useful target.
 */
export type ActionLinkStyle = 'command' | 'web';

/** The VS Code command each action maps to, for clients that have it. */
export const CLIENT_COMMAND_OF: Record<EngineAction['kind'], string> = { openKb: 'runlocalai.openKbEntry' };

export function actionLink(label: string, action: EngineAction, style: ActionLinkStyle, errors: readonly ErrorEntry[]): string {
  if (style === 'command') {
    const args = encodeURIComponent(JSON.stringify([{ id: action.id }]));
    return `[${label}](command:${CLIENT_COMMAND_OF[action.kind]}?${args})`;
  }
  const url = errors.find((e) => e.id === action.id)?.url;
  return url ? `[${label}](${url})` : label;
}
