/**
 * An HTTP server that can be taken down (connections refused, open ones cut) and
 * brought back on the same port, for fault tests.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** @internal */
export class HttpListener {
  readonly #server: http.Server;
  readonly #sockets = new Set<Socket>();
  readonly #host: string;
  #port: number;
  #listening = false;

  readonly #scheme: 'http' | 'https';

  constructor(
    handler: http.RequestListener,
    options: { host: string; port: number; tls?: { cert: string; key: string } },
  ) {
    this.#host = options.host;
    this.#port = options.port;
    this.#scheme = options.tls ? 'https' : 'http';
    this.#server = options.tls
      ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler)
      : http.createServer(handler);
    // Watches are long requests; the defaults would cut them after five minutes.
    this.#server.requestTimeout = 0;
    this.#server.headersTimeout = 60_000;
    this.#server.keepAliveTimeout = 5_000;
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
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
    const closed = new Promise<void>(resolve => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await closed;
  }
}
