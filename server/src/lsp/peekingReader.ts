import type { DataCallback, Message, MessageReader } from 'vscode-languageserver/node';

/**
 * A reader that shows each message to `peek` as it is read, before the connection queues it. The
 * connection hands a notification to its handler a `setImmediate` later, after the library's
 * dispatch (npm run bench, first diagnostics); `peek` is for the few things worth doing at once
 * (server.ts: a config just opened). Whatever `peek` throws goes to `onPeekError`, and the message
 * is delivered all the same.
 */
export function peekingReader(
  inner: MessageReader,
  peek: (message: Message) => void,
  onPeekError: (error: unknown) => void,
): MessageReader {
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen: (callback: DataCallback) =>
      inner.listen((message) => {
        try {
          peek(message);
        } catch (error) {
          onPeekError(error);
        }
        callback(message);
      }),
    dispose: () => inner.dispose(),
  };
}
