import * as vscode from 'vscode';

// The walkthrough's examples, opened as untitled documents so that nothing is written to the
// workspace (and nothing needs to ship besides this text).
const EXAMPLES = {
  config: {
    language: 'modelfile',
    content: [
      '# An Ollama Modelfile: RunLocalAI checks it against your GPU.',
      '# Hover FROM or num_ctx; the lightbulb on a diagnostic offers values that fit.',
      'FROM llama3.1:70b',
      'PARAMETER num_ctx 32768',
      'PARAMETER num_gpu 99',
      '',
    ].join('\n'),
  },
  note: {
    language: 'markdown',
    content: [
      '# Notes on running a model locally',
      '',
      'A GGUF file at Q4_K_M keeps about 4.8 bits per weight. The KV cache grows with the context',
      'length; flash attention and a quantized KV cache make it smaller. Mixture of experts models',
      'keep every expert in memory but read only a few per token. Try hovering llama3.1:8b or RTX 4090.',
      '',
    ].join('\n'),
  },
} as const;

/** RunLocalAI: Open an example config — `"config"` (a Modelfile, the default) or `"note"` (Markdown with jargon). */
export function openExample() {
  return async (kind?: unknown): Promise<vscode.TextDocument> => {
    const example = EXAMPLES[kind === 'note' ? 'note' : 'config'];
    const doc = await vscode.workspace.openTextDocument({ language: example.language, content: example.content });
    await vscode.window.showTextDocument(doc);
    return doc;
  };
}
