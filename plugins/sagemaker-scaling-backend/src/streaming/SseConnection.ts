import type { ServerResponse } from 'node:http';

/**
 * What a frame carries: `state` (a snapshot or an error; only the newest matters) or a
 * `heartbeat` (worth nothing once the socket is backed up).
 * @internal
 */
export type FrameKind = 'state' | 'heartbeat';

/**
 * One server-sent event on the wire. `json` is already serialized so that one
 * serialization serves every client.
 * @internal
 */
export function sseFrame(event: string, json: string): string {
  return `event: ${event}\ndata: ${json}\n\n`;
}

/**
 * The server-sent-event response of one client, latest-wins: while the socket is backed
 * up (the last write filled the buffer), only the newest pending state frame is kept and
 * written on 'drain', so a slow client costs at most one buffered and one pending frame.
 * @internal
 */
export class SseConnection {
  readonly #res: ServerResponse;
  #pending?: string;
  #closed = false;

  constructor(res: ServerResponse, options: { retryMs?: number } = {}) {
    this.#res = res;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    this.#write(`retry: ${options.retryMs ?? 3000}\n\n`);
    res.on('drain', () => {
      const pending = this.#pending;
      this.#pending = undefined;
      if (pending !== undefined && !this.#closed) this.#write(pending);
    });
    res.on('close', () => {
      this.#closed = true;
      this.#pending = undefined;
    });
  }

  /** Whether the response is closed (client gone or {@link SseConnection.end} called). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Bytes held for this client beyond the socket: the pending frame, if any. */
  get pendingBytes(): number {
    return this.#pending?.length ?? 0;
  }

  /** Writes the frame, or keeps it as the pending one while the socket is backed up. */
  deliver(frame: string, kind: FrameKind): void {
    if (this.#closed) return;
    if (this.#res.writableNeedDrain) {
      if (kind === 'state') this.#pending = frame;
      return;
    }
    this.#write(frame);
  }

  /** Sends a last frame (the reason) and closes; a pending state frame is dropped. */
  end(frame: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = undefined;
    this.#res.end(frame);
  }

  #write(frame: string) {
    this.#res.write(frame);
    // The compression middleware, when it wraps the response, buffers until flushed.
    (this.#res as { flush?: () => void }).flush?.();
  }
}
