// A second reference for `npm run bench`, not a budget's floor: a server built on the same library
// as ours (vscode-languageserver, TextDocuments, incremental sync), started with our node flags,
// doing no work of its own. It answers what echoServer.ts answers. Where ours sits near this one and
// both sit above the echo, the difference is the library's start and dispatch, not our code.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const diagnostic = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
  severity: 2 as const,
  source: 'library floor',
  message: 'A fixed diagnostic of the same shape as a real one.',
};

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true },
  serverInfo: { name: 'library floor', version: '0' },
}));
connection.onHover((p) => ({
  contents: { kind: 'markdown', value: '**term**: a fixed answer of about the size of a real hover, for the floor.' },
  range: { start: p.position, end: { line: p.position.line, character: p.position.character + 4 } },
}));
documents.onDidChangeContent(
  (e) => void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [diagnostic] }),
);
documents.listen(connection);
connection.listen();
