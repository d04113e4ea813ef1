// The floor of `npm run bench`: a bare JSON-RPC server over stdio that speaks just enough LSP to be
// measured like ours. It answers initialize and hover with fixed payloads and pushes a fixed
// diagnostic for every didOpen and didChange, doing no work of its own. Whatever ours costs above
// this is ours; whatever this costs is Node, the pipe and the JSON-RPC library.
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
const documents = new Map<string, string>();
const diagnostic = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
  severity: 2,
  source: 'echo',
  message: 'A fixed diagnostic of the same shape as a real one.',
};
const publish = (uri: string, version: number) =>
  void connection.sendNotification('textDocument/publishDiagnostics', { uri, version, diagnostics: [diagnostic] });

connection.onRequest('initialize', () => ({
  capabilities: { textDocumentSync: 2, hoverProvider: true },
  serverInfo: { name: 'echo', version: '0' },
}));
connection.onRequest('shutdown', () => null);
connection.onNotification('exit', () => process.exit(0));
connection.onRequest('textDocument/hover', (p: { position: { line: number; character: number } }) => ({
  contents: { kind: 'markdown', value: '**term**: a fixed answer of about the size of a real hover, for the floor.' },
  range: { start: p.position, end: { line: p.position.line, character: p.position.character + 4 } },
}));
connection.onNotification('textDocument/didOpen', (p: { textDocument: { uri: string; version: number; text: string } }) => {
  documents.set(p.textDocument.uri, p.textDocument.text);
  publish(p.textDocument.uri, p.textDocument.version);
});
connection.onNotification('textDocument/didChange', (p: { textDocument: { uri: string; version: number } }) =>
  publish(p.textDocument.uri, p.textDocument.version),
);
connection.onNotification('textDocument/didClose', (p: { textDocument: { uri: string } }) => {
  documents.delete(p.textDocument.uri);
});
connection.listen();
