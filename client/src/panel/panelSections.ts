// The panel's optional sections: "Compare GPUs for this model" and "Confirm with llama.cpp".
// Pure HTML from plain data, every outside value escaped (no vscode import: unit tests read it).
import type { FitParamsConfirmation, GpuComparison, WillItRunJson } from '../../../server/src/protocol';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
export const gib = (b: number) => (b >= GiB ? `${(b / GiB).toFixed(1)} GiB` : `${Math.round(b / MiB)} MiB`);
const VERDICT: Record<string, string> = {
  fits: 'Fits',
  tight: 'Fits, tightly',
  'partial-offload': 'Partial offload',
  'wont-fit': "Won't fit",
};

/** One row per GPU: verdict, memory total and usable, what the model needs, layers on the GPU and speed. */
export function comparisonSection(c: GpuComparison): string {
  const rows = c.rows
    .map(
      (r) =>
        `<tr${r.kind === 'current' ? ' class="current"' : ''}><th scope="row">${escapeHtml(r.label)}</th><td class="verdict-cell ${escapeHtml(r.verdict)}">${escapeHtml(VERDICT[r.verdict] ?? r.verdict)}</td><td>${gib(r.totalMemoryBytes)}</td><td>${gib(r.usableBytes)}</td><td>${gib(r.neededBytes)}</td><td>${r.gpuLayers} of ${r.totalLayers}</td><td>${r.tokensPerSecond === null ? '—' : `≈ ${r.tokensPerSecond.toFixed(r.tokensPerSecond < 10 ? 1 : 0)}`}</td></tr>`,
    )
    .join('');
  const unknown = c.unknown.length
    ? `<p class="notes">Not in the catalog: ${c.unknown
        .map((u) => `${escapeHtml(u.name)}${u.suggestions.length ? ` (nearest: ${u.suggestions.map(escapeHtml).join(', ')})` : ''}`)
        .join('; ')}</p>`
    : '';
  return `<section id="comparison" aria-labelledby="comparison-title"><h2 id="comparison-title">GPUs compared: ${escapeHtml(c.modelName)} ${escapeHtml(c.quant)}, ${c.ctx.toLocaleString('en-US')} tokens, ${escapeHtml(c.runtime)}</h2>
<table class="comparison"><thead><tr><th scope="col">GPU</th><th scope="col">Verdict</th><th scope="col">Total</th><th scope="col">Usable</th><th scope="col">Needs</th><th scope="col">Layers on GPU</th><th scope="col">Tokens/s</th></tr></thead><tbody>${rows}</tbody></table>${unknown}</section>`;
}

const mib = (n: number) => `${n.toLocaleString('en-US')} MiB`;

/** llama.cpp's per-device figures beside ours for the same model and settings. */
export function confirmationSection(c: FitParamsConfirmation, a: WillItRunJson): string {
  const head = `<h2 id="confirm-title">Confirmed with llama.cpp</h2><p><code>${escapeHtml(c.commandLine)}</code></p>`;
  if (c.error || c.devices.length === 0)
    return `<section id="confirmation" aria-labelledby="confirm-title">${head}<p class="notes" role="alert">${escapeHtml(c.error ?? 'llama-fit-params printed no device rows.')}</p></section>`;
  const theirs = c.devices
    .map(
      (d) =>
        `<tr><th scope="row">${escapeHtml(d.name)}</th><td>${mib(d.modelMiB)}</td><td>${mib(d.contextMiB)}</td><td>${mib(d.computeMiB)}</td><td>${mib(d.modelMiB + d.contextMiB + d.computeMiB)}</td></tr>`,
    )
    .join('');
  const onDevices = c.devices.filter((d) => !d.host).reduce((s, d) => s + d.modelMiB + d.contextMiB + d.computeMiB, 0);
  const ourOnGpu = a.totalBytes - a.cpuBytes;
  const ours = `<tr><th scope="row">RunLocalAI, on the GPU${a.devices.length > 1 ? 's' : ''}</th><td>${gib(a.weightsBytes)}</td><td>${gib(a.kvCacheBytes)}</td><td>${gib(a.computeBytes + a.overheadBytes)}</td><td>${gib(ourOnGpu)}</td></tr>`;
  const difference =
    onDevices > 0 ? ` (${(((ourOnGpu / MiB - onDevices) / onDevices) * 100).toFixed(0).replace(/^(?!-)/, '+')}% ours against theirs)` : '';
  return `<section id="confirmation" aria-labelledby="confirm-title">${head}
<table class="confirmation"><thead><tr><th scope="col">Device</th><th scope="col">Model</th><th scope="col">Context (KV)</th><th scope="col">Compute</th><th scope="col">Total</th></tr></thead><tbody>${theirs}${ours}</tbody></table>
<p>On the GPUs: llama.cpp ${mib(onDevices)}, RunLocalAI ${gib(ourOnGpu)}${difference}. Our compute column includes the runtime overhead.</p></section>`;
}
