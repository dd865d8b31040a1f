import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SseConnection, sseFrame } from './SseConnection';

/** A state frame of about `size` bytes carrying its sequence number. */
function stateFrame(seq: number, size: number) {
  return sseFrame(
    'snapshot',
    JSON.stringify({ seq, padding: 'x'.repeat(size) }),
  );
}

describe('SseConnection over a real socket', () => {
  let server: http.Server;
  let connection: Promise<{ sse: SseConnection; res: http.ServerResponse }>;

  beforeEach(async () => {
    let opened!: (c: { sse: SseConnection; res: http.ServerResponse }) => void;
    connection = new Promise(r => (opened = r));
    server = http.createServer((_req, res) =>
      opened({ sse: new SseConnection(res), res }),
    );
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('keeps only the newest state for a client that does not read, and sends it once the client reads again', async () => {
    const { port } = server.address() as AddressInfo;
    // A raw client that stops reading right after the request: the socket backs up.
    const socket = net.connect(port, '127.0.0.1');
    socket.write('GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.pause();
    const { sse, res } = await connection;

    const FRAME = 64 * 1024;
    const FRAMES = 400; // 25 MB if all were kept
    let maxHeld = 0;
    for (let seq = 1; seq <= FRAMES; seq++) {
      sse.deliver(stateFrame(seq, FRAME), 'state');
      sse.deliver(sseFrame('heartbeat', '{}'), 'heartbeat');
      maxHeld = Math.max(maxHeld, res.writableLength + sse.pendingBytes);
      // Let the socket take what the kernel accepts, as between real changes.
      await new Promise(r => setImmediate(r));
    }
    // Bounded: what the socket had accepted into its buffer when it filled, plus one
    // pending frame; never the 25 MB of all the frames.
    expect(maxHeld).toBeLessThan(3 * FRAME);
    expect(sse.pendingBytes).toBeGreaterThan(0);

    // The client reads again: it gets the frames written before it stopped, then the
    // newest, and none of the superseded ones in between.
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', chunk => (text += chunk));
    socket.resume();
    const lastSeq = () => {
      const seqs = [...text.matchAll(/"seq":(\d+)/g)].map(m => Number(m[1]));
      return { seqs, last: seqs[seqs.length - 1] };
    };
    const deadline = Date.now() + 10_000;
    while (lastSeq().last !== FRAMES && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 20));
    }
    const { seqs, last } = lastSeq();
    expect(last).toBe(FRAMES);
    expect(seqs.length).toBeLessThan(FRAMES / 2);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(sse.pendingBytes).toBe(0);
    socket.destroy();
  });

  it('sends a closing frame and ends the response', async () => {
    const { port } = server.address() as AddressInfo;
    const body = new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/events' }, res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', c => (text += c));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    const { sse } = await connection;
    sse.deliver(stateFrame(1, 10), 'state');
    sse.end(sseFrame('error', JSON.stringify({ name: 'NotFoundError' })));
    sse.deliver(stateFrame(2, 10), 'state');
    const text = await body;
    expect(text).toMatch(/^retry: 3000\n\n/);
    expect(text).toContain('"seq":1');
    expect(
      text.endsWith('event: error\ndata: {"name":"NotFoundError"}\n\n'),
    ).toBe(true);
    expect(text).not.toContain('"seq":2');
    expect(sse.closed).toBe(true);
  });
});
