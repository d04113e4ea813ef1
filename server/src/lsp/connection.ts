import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection, type Message } from 'vscode-languageserver/node';
import { FrameReader } from './frameReader';
import { FrameWriter } from './frameWriter';
import { peekingReader } from './peekingReader';

/**
 * The server's connection, with `onShutdown` as its (single) shutdown handler. Over stdio (Neovim,
 * Helix, Zed, Emacs, `npm run bench`) its messages are read by a FrameReader, shown to `peek` as
 * they are read (before the library queues them), and written by a FrameWriter, each handled in the
 * event that brings or sends it. Over --node-ipc (VS Code, whose client asks for pull diagnostics
 * and so has no use for `peek`), --socket or --pipe it is the one vscode-languageserver makes.
 */
export function createServerConnection(
  onShutdown: () => void,
  argv: readonly string[] = process.argv,
  peek: (message: Message) => void = () => {},
): Connection {
  if (!argv.slice(2).includes('--stdio')) {
    const connection = createConnection(ProposedFeatures.all);
    connection.onShutdown(onShutdown);
    return connection;
  }
  const reader = peekingReader(new FrameReader(process.stdin), peek, (error) =>
    connection.console.error(`RunLocalAI server error: ${String(error)}`),
  );
  const connection = createConnection(ProposedFeatures.all, reader, new FrameWriter(process.stdout));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
    onShutdown();
  });
  // The client went away without `exit`: as vscode-languageserver does for its own stdio streams.
  const ended = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', ended);
  process.stdin.on('close', ended);
  routeConsoleToClient(console, connection.console);
  return connection;
}

/**
 * stdout carries the protocol: a console.log anywhere in the server (or a library) would corrupt it.
 * vscode-languageserver reroutes the console only for the stdio streams it opens itself.
 */
export function routeConsoleToClient(target: Console, client: Pick<Connection['console'], 'log' | 'info' | 'warn' | 'error'>): void {
  const to =
    (send: (message: string) => void) =>
    (...args: unknown[]) =>
      send(format(...args));
  target.log = to((m) => client.log(m));
  target.info = to((m) => client.info(m));
  target.debug = to((m) => client.log(m));
  target.warn = to((m) => client.warn(m));
  target.error = to((m) => client.error(m));
  target.trace = to((m) => client.log(m));
  target.dir = to((m) => client.log(m));
}
