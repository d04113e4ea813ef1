/**
 * Escapes untrusted text (from documents, drivers, settings) so that it never renders as markup.
 * Only what can start markup, links or HTML is escaped, so that names like "Llama 3.1 (8B)"
 * read the same in the raw text as in the rendered view.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]#|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A link that runs one of our commands; clients enable only these named commands. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
