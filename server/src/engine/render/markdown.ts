/**
 * Escapes untrusted text (from documents, drivers, settings) so that it never renders as markup.
 * Only what can start markup, links or HTML is escaped, so that names like "Llama 3.1 (8B)"
 * read the same in the raw text as in the rendered view.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]#|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/\r?\n|\r/g, ' ');
}
