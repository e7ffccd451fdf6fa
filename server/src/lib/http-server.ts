import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { type ErrorCode, errorBody } from './errors.ts';

/** Node's own limit on a request line plus headers (its default, said here so the message can name it). */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface HttpServerOptions {
  fetch: Parameters<typeof serve>[0]['fetch'];
  port: number;
  hostname?: string;
  /** The app's body limit: an unread body up to this size is drained after an early answer. */
  maxBodyBytes: number;
}

function rawJsonResponse(status: number, reason: string, code: ErrorCode, message: string): string {
  const body = JSON.stringify(errorBody(code, message));
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=UTF-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Requests Node refuses before the app sees them (a URL or headers over MAX_HEADER_BYTES, a malformed
 * request line) get the API's JSON error shape instead of Node's bare status line.
 */
function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const response =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? rawJsonResponse(
          431,
          'Request Header Fields Too Large',
          'headers_too_large',
          `The URL and headers are larger than ${MAX_HEADER_BYTES / 1024} KiB; send long filters in a body or page through them`,
        )
      : rawJsonResponse(400, 'Bad Request', 'bad_request', 'The HTTP request is malformed');
  socket.end(response);
}

/**
 * After an early answer (401, 413, 415 …) the client may still be sending its body. Reading and
 * discarding it, up to the body limit, lets the client finish writing and read the answer; closing
 * the socket instead would reset the connection under it, and it would see ECONNRESET, not the error.
 */
function drainUnreadBody(maxBodyBytes: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    res.once('finish', () => {
      if (req.complete || req.destroyed) return;
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBodyBytes) req.socket.destroy();
      });
      // The body stream handed to the app pauses the request when it is cancelled (a 413 mid-body),
      // possibly after this point: whatever pauses it while draining, it flows again.
      req.on('pause', () => setImmediate(() => req.resume()));
      req.resume();
    });
  };
}

/** The app on Node's HTTP server, with JSON answers for what Node refuses itself. Resolves once listening. */
export function startHttpServer(options: HttpServerOptions): Promise<Server> {
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: options.fetch,
        port: options.port,
        hostname: options.hostname,
        // Our own drain below waits for the body instead of closing the socket after 500 ms.
        autoCleanupIncoming: false,
        serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
      },
      () => resolve(server as Server),
    ) as Server;
    server.on('clientError', onClientError);
    server.on('request', drainUnreadBody(options.maxBodyBytes));
  });
}
