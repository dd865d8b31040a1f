/*
 * SSE clients for streamBench.ts, in their own process so that parsing events does not
 * take CPU from the server under test. Driven over IPC by the parent:
 *   { open: { paths: string[], authorization } } -> opens one stream per path at once and
 *       answers { opened: { firstEventMs: number[] } } once each has its first event
 *       (time from the request to the first `snapshot`, in this process's clock);
 *   { get: { paths, authorization } } -> GETs each path at once (plain requests, for
 *       comparison) and answers { got: { ms: number[] } }, the time to each whole response;
 *   { mark: true }   -> starts counting each stream's snapshot events and bytes anew;
 *   { pause: true }  -> stops reading every stream (a slow client), answers { paused };
 *   { count: true }  -> reads again; once drained answers { counted: { snapshots, bytes } },
 *       what each stream got since the mark;
 *   { close: true }  -> destroys every stream, answers { closed }.
 */
const http = require('node:http');

const [baseUrl] = process.argv.slice(2);
const { hostname, port } = new URL(baseUrl);
// One connection per stream, as browsers' EventSource over separate tabs.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

let streams = [];

function open(path, authorization) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const stream = {
      res: undefined,
      req: undefined,
      snapshots: 0,
      bytes: 0,
      tail: '',
    };
    let buffer = '';
    let first = true;
    stream.req = http.get(
      {
        host: hostname,
        port,
        path,
        agent,
        headers: { Authorization: authorization, Accept: 'text/event-stream' },
      },
      res => {
        stream.res = res;
        if (res.statusCode !== 200) {
          reject(new Error(`${path}: HTTP ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('error', () => {});
        res.on('data', chunk => {
          // Counted across chunk boundaries: the tail of the last chunk is kept.
          const text = stream.tail + chunk;
          stream.bytes += chunk.length;
          stream.snapshots += text.split('event: snapshot\n').length - 1;
          stream.tail = text.slice(-16);
          if (!first) return;
          buffer += chunk;
          if (/^event: snapshot$/m.test(buffer)) {
            first = false;
            buffer = '';
            resolve({ stream, ms: performance.now() - startedAt });
          }
        });
      },
    );
    stream.req.on('error', e => (first ? reject(e) : undefined));
  });
}

function get(path, authorization) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    http
      .get(
        {
          host: hostname,
          port,
          path,
          agent,
          headers: { Authorization: authorization },
        },
        res => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - startedAt)
              : reject(new Error(`${path}: HTTP ${res.statusCode}`)),
          );
        },
      )
      .on('error', reject);
  });
}

process.on('message', async message => {
  try {
    if (message.get) {
      const ms = await Promise.all(
        message.get.paths.map(p => get(p, message.get.authorization)),
      );
      process.send({ got: { ms } });
    } else if (message.open) {
      const results = await Promise.all(
        message.open.paths.map(p => open(p, message.open.authorization)),
      );
      streams.push(...results.map(r => r.stream));
      process.send({ opened: { firstEventMs: results.map(r => r.ms) } });
    } else if (message.mark) {
      streams.forEach(s => {
        s.snapshots = 0;
        s.bytes = 0;
      });
      process.send({ marked: true });
    } else if (message.pause) {
      streams.forEach(s => s.res.pause());
      process.send({ paused: true });
    } else if (message.count) {
      streams.forEach(s => s.res.resume());
      // Give the sockets time to drain what the server kept for them.
      await new Promise(r => setTimeout(r, 1000));
      process.send({
        counted: {
          snapshots: streams.map(s => s.snapshots),
          bytes: streams.map(s => s.bytes),
        },
      });
    } else if (message.close) {
      streams.forEach(s => s.req.destroy());
      streams = [];
      process.send({ closed: true });
    }
  } catch (e) {
    process.send({ failed: String(e) });
  }
});
process.on('disconnect', () => process.exit(0));
