// The Will-it-run panel's page, built from the answer alone (no vscode import, so unit tests can
// read it). Every value from the answer is escaped; the page runs only its own nonce'd script and
// loads nothing remote (the content security policy says so).
import type { FitParamsAvailability, FitParamsConfirmation, GpuComparison, WillItRunJson } from '../../../server/src/protocol';
import { comparisonSection, confirmationSection, escapeHtml } from './panelSections';

export { escapeHtml } from './panelSections';

const GiB = 1024 ** 3;
const PART_COLORS: Record<string, string> = {
  weights: 'var(--vscode-charts-blue)',
  kvCache: 'var(--vscode-charts-purple)',
  compute: 'var(--vscode-charts-orange)',
  overhead: 'var(--vscode-charts-yellow)',
};
const PART_NAMES: Record<string, string> = { weights: 'weights', kvCache: 'KV cache', compute: 'compute', overhead: 'overhead' };
const VERDICT_TEXT: Record<string, string> = {
  fits: 'Fits',
  tight: 'Fits, tightly',
  'partial-offload': 'Partial offload: runs, slowly',
  'wont-fit': "Won't fit",
};
const ORIGIN_TEXT: Record<string, string> = {
  given: 'as given',
  'runtime-default': 'runtime default',
  'model-default': 'model default',
  environment: 'environment',
};

const gib = (b: number) => (b >= GiB ? `${(b / GiB).toFixed(1)} GiB` : `${Math.round(b / 1024 ** 2)} MiB`);

/** One horizontal stacked bar: the parts against a room line, scaled to the larger of the two. */
function stackedBar(label: string, parts: { name: string; bytes: number }[], usable: number): string {
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  const scale = 560 / Math.max(total, usable, 1);
  let x = 0;
  const rects = parts
    .filter((p) => p.bytes > 0)
    .map((p) => {
      const w = Math.max(1, p.bytes * scale);
      const r = `<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="24" fill="${PART_COLORS[p.name] ?? 'var(--vscode-charts-green)'}"><title>${escapeHtml(PART_NAMES[p.name] ?? p.name)} ${gib(p.bytes)}</title></rect>`;
      x += w;
      return r;
    })
    .join('');
  const room = usable * scale;
  const line = usable > 0 ? `<line x1="${room.toFixed(1)}" x2="${room.toFixed(1)}" y1="0" y2="32" class="room"/>` : '';
  const summary = `${escapeHtml(label)}: needs ${gib(total)} of ${gib(usable)} usable`;
  return `<figure><figcaption>${summary}</figcaption><svg role="img" aria-label="${summary}" width="580" height="32" viewBox="0 0 580 32">${rects}${line}</svg></figure>`;
}

export interface PanelOptions {
  nonce: string;
  cspSource: string;
  /** "Compare GPUs for this model", once asked. */
  comparison?: GpuComparison;
  /** Whether "Confirm with llama.cpp" can run here; absent: no button. */
  confirm?: FitParamsAvailability;
  /** What llama-fit-params said, once asked. */
  confirmation?: FitParamsConfirmation;
}

function confirmButton(c: FitParamsAvailability | undefined): string {
  if (!c) return '';
  return c.available
    ? `<button id="confirm" title="Runs ${escapeHtml(c.tool)} for this model and these settings">Confirm with llama.cpp</button>`
    : `<button id="confirm" disabled aria-describedby="confirm-why">Confirm with llama.cpp</button> <span id="confirm-why" class="why">${escapeHtml(c.reason)}</span>`;
}

export function panelHtml(a: WillItRunJson, { nonce, cspSource, comparison, confirm, confirmation }: PanelOptions): string {
  const verdict = VERDICT_TEXT[a.verdict] ?? a.verdict;
  const parts = a.parts.map((p) => ({ name: p.name, bytes: p.bytes }));
  const perDevice =
    a.devices.length > 1
      ? a.devices
          .map((d, i) => stackedBar(`GPU ${i} ${d.name} (${d.layers} layers)`, [{ name: 'weights', bytes: d.usedBytes }], d.usableBytes))
          .join('')
      : '';
  const legend = parts
    .map(
      (p) =>
        `<li><span class="swatch" style="background:${PART_COLORS[p.name]}"></span>${escapeHtml(PART_NAMES[p.name] ?? p.name)} ${gib(p.bytes)}</li>`,
    )
    .join('');
  const formulas = a.parts
    .map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(PART_NAMES[p.name] ?? p.name)}</th><td>${gib(p.bytes)}</td><td>${escapeHtml(p.formula)}</td></tr>`,
    )
    .join('');
  const settings = Object.entries(a.settings)
    .map(
      ([k, v]) =>
        `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(String(v.value))}</td><td>${escapeHtml(ORIGIN_TEXT[v.origin] ?? v.origin)}${v.note ? `: ${escapeHtml(v.note)}` : ''}</td></tr>`,
    )
    .join('');
  const alternatives = a.alternatives.length
    ? `<ul class="alternatives">${a.alternatives
        .map(
          (x, i) =>
            `<li><button data-alternative="${i}">${escapeHtml(x.label)}</button> ${escapeHtml(VERDICT_TEXT[x.verdict] ?? x.verdict)}, ${gib(x.totalBytes)}${x.tokensPerSecond ? `, ≈ ${x.tokensPerSecond.toFixed(0)} tokens/s` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${a.verdict === 'fits' ? 'It fits as asked.' : 'Nothing nearby fits on this hardware.'}</p>`;
  const speed = a.tokensPerSecond
    ? `<p>≈ ${a.tokensPerSecond.toFixed(a.tokensPerSecond < 10 ? 1 : 0)} tokens/s${a.speedBasis ? ` (${escapeHtml(a.speedBasis)})` : ''}</p>`
    : '';
  const source = [a.source.kind, a.source.id, a.source.path]
    .filter(Boolean)
    .map((s) => escapeHtml(String(s)))
    .join(' · ');
  const warnings = a.warnings.length ? `<ul class="notes">${a.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Will it run? ${escapeHtml(a.modelName)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em; }
h1 { font-size: 1.3em; } .verdict { font-size: 1.6em; font-weight: 600; margin: .4em 0; }
.verdict.fits, .verdict.tight { color: var(--vscode-testing-iconPassed); } .verdict.wont-fit { color: var(--vscode-errorForeground); }
.verdict.partial-offload { color: var(--vscode-editorWarning-foreground); }
figure { margin: .8em 0; } figcaption { font-size: .9em; margin-bottom: .2em; }
svg .room { stroke: var(--vscode-foreground); stroke-width: 2; stroke-dasharray: 4 2; }
.legend { list-style: none; padding: 0; display: flex; gap: 1.2em; flex-wrap: wrap; } .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: middle; }
table { border-collapse: collapse; margin: .5em 0; } th, td { text-align: left; padding: .2em .8em .2em 0; vertical-align: top; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: .3em .8em; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); } button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.alternatives li { margin: .3em 0; } .actions button { margin-right: .5em; } button:disabled { opacity: .6; cursor: default; }
.why, .notes { color: var(--vscode-descriptionForeground); } tr.current th { font-weight: 700; }
.verdict-cell.fits, .verdict-cell.tight { color: var(--vscode-testing-iconPassed); } .verdict-cell.wont-fit { color: var(--vscode-errorForeground); }
.verdict-cell.partial-offload { color: var(--vscode-editorWarning-foreground); }
</style></head>
<body>
<h1>Will it run? ${escapeHtml(a.modelName)} ${escapeHtml(a.quant)}, ${a.ctx.toLocaleString('en-US')} tokens</h1>
<p id="verdict" class="verdict ${escapeHtml(a.verdict)}" role="status">${escapeHtml(verdict)}</p>
<p>on ${escapeHtml(a.hardware)} · ${escapeHtml(a.runtime)}${a.offload ? ` · ${escapeHtml(a.offload)}` : ''}</p>
${stackedBar('All devices', parts, a.usableBytes)}
${perDevice}
<ul class="legend">${legend}</ul>
${speed}
<h2>What would fit</h2>
${alternatives}
<h2>Where the memory goes</h2>
<table><tbody>${formulas}<tr><th scope="row">total</th><td>${gib(a.totalBytes)}</td><td>usable: ${gib(a.usableBytes)}</td></tr></tbody></table>
<h2>Settings used</h2>
<table><tbody>${settings}</tbody></table>
${warnings}
<p>Model facts: ${source}</p>
<p class="actions"><button id="copy">Copy as Markdown</button> <button id="compare">Compare GPUs…</button> ${confirmButton(confirm)}</p>
${comparison ? comparisonSection(comparison) : ''}
${confirmation ? confirmationSection(confirmation, a) : ''}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
document.getElementById('compare').addEventListener('click', () => vscode.postMessage({ type: 'compare' }));
document.getElementById('confirm')?.addEventListener('click', () => vscode.postMessage({ type: 'confirm' }));
for (const b of document.querySelectorAll('button[data-alternative]')) {
  b.addEventListener('click', () => vscode.postMessage({ type: 'alternative', index: Number(b.dataset.alternative) }));
}
vscode.postMessage({ type: 'rendered', verdict: document.getElementById('verdict').textContent });
</script>
</body></html>`;
}

/** What the page may send; anything else is dropped. */
export type PanelMessage =
  | { type: 'copy' }
  | { type: 'compare' }
  | { type: 'confirm' }
  | { type: 'alternative'; index: number }
  | { type: 'rendered'; verdict: string };

export function parsePanelMessage(m: unknown, alternatives: number): PanelMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  if (o.type === 'copy' || o.type === 'compare' || o.type === 'confirm') return { type: o.type };
  if (o.type === 'alternative' && Number.isInteger(o.index) && (o.index as number) >= 0 && (o.index as number) < alternatives)
    return { type: 'alternative', index: o.index as number };
  if (o.type === 'rendered' && typeof o.verdict === 'string' && o.verdict.length < 200) return { type: 'rendered', verdict: o.verdict };
  return undefined;
}
