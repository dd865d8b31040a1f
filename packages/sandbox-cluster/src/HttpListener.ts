/**
 * An HTTP server that can be taken down (connections refused, open ones cut) and
 * brought back on the same port, for fault tests. With TLS it answers HTTPS and plain
 * HTTP on the same port (told apart by the first byte), so `http://.../version` probes
 * work while kubectl, which sends tokens only over TLS, uses HTTPS.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** First byte of a TLS handshake record. */
const TLS_HANDSHAKE = 0x16;

/** @internal */
export class HttpListener {
  readonly #server: net.Server;
  readonly #sockets = new Set<Socket>();
  readonly #host: string;
  readonly #scheme: 'http' | 'https';
  #port: number;
  #listening = false;

  constructor(
    handler: http.RequestListener,
    options: {
      host: string;
      port: number;
      tls?: { cert: string; key: string };
    },
  ) {
    this.#host = options.host;
    this.#port = options.port;
    this.#scheme = options.tls ? 'https' : 'http';
    const plain = http.createServer(handler);
    const secure = options.tls
      ? https.createServer(
          { cert: options.tls.cert, key: options.tls.key },
          handler,
        )
      : undefined;
    for (const s of [plain, secure]) {
      if (!s) continue;
      // Watches are long requests; the defaults would cut them after five minutes.
      s.requestTimeout = 0;
      s.headersTimeout = 60_000;
      s.keepAliveTimeout = 5_000;
    }
    this.#server = net.createServer(socket => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      if (!secure) {
        plain.emit('connection', socket);
        return;
      }
      socket.once('data', (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        (first[0] === TLS_HANDSHAKE ? secure : plain).emit(
          'connection',
          socket,
        );
        process.nextTick(() => socket.resume());
      });
    });
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    const host = this.#host.includes(':') ? `[${this.#host}]` : this.#host;
    return `${this.#scheme}://${host}:${this.#port}`;
  }

  get listening(): boolean {
    return this.#listening;
  }

  /** Listens; the first call resolves port 0 to the port the system chose. */
  async listen(): Promise<void> {
    if (this.#listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.#server.once('error', onError);
      this.#server.listen(this.#port, this.#host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    this.#listening = true;
  }

  /** Stops listening and cuts every open connection. */
  async close(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    const closed = new Promise<void>(resolve =>
      this.#server.close(() => resolve()),
    );
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await closed;
  }
}
