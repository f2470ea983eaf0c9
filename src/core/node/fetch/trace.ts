/**
 * The trace's HttpResponse / HttpMessageEnd events for a response undici reads: undici parses
 * with its own llhttp (WebAssembly), not the http_parser binding that records them for Node's
 * http client (http/http-parser.ts), so its Parser reports here (a build-time edit of
 * lib/dispatcher/client-h1.js, scripts/build.mjs). The request side needs nothing: the program's
 * server parses it with the binding. Same numbering as http-parser.ts: messages per connection.
 */
import { EventKind } from '../../trace/format';
import { recordNet } from '../http/trace';

interface TracedSocket {
  _handle?: { connectionId?: number; httpMessages?: number } | null;
}

export function responseHead(socket: TracedSocket, statusCode: number, statusText: string): void {
  const handle = socket._handle;
  const id = handle?.connectionId ?? 0;
  if (id === 0) return;
  const n = (handle!.httpMessages = (handle!.httpMessages ?? 0) + 1);
  recordNet(EventKind.HttpResponse, id, `${statusCode} ${statusText}`, n);
}

export function responseEnd(socket: TracedSocket, bodyBytes: number): void {
  const id = socket._handle?.connectionId ?? 0;
  if (id !== 0) recordNet(EventKind.HttpMessageEnd, id, bodyBytes, 2);
}
