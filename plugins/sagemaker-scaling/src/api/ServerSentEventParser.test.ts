import { ServerSentEventParser } from './ServerSentEventParser';

function parseChunks(chunks: string[]) {
  const parser = new ServerSentEventParser();
  return chunks.flatMap(chunk => parser.push(chunk));
}

describe('ServerSentEventParser', () => {
  const stream =
    'event: snapshot\ndata: {"a":1}\n\n: keep-alive comment\n\nevent: heartbeat\ndata: {}\n\n';

  it('parses named events and ignores comments', () => {
    expect(parseChunks([stream])).toEqual([
      { event: 'snapshot', data: '{"a":1}' },
      { event: 'heartbeat', data: '{}' },
    ]);
  });

  it('gives the same events however the text is split into chunks', () => {
    const whole = parseChunks([stream]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) {
        chunks.push(stream.slice(i, i + size));
      }
      expect(parseChunks(chunks)).toEqual(whole);
    }
  });

  it('treats a CRLF split across two chunks as one line break', () => {
    expect(parseChunks(['event: snapshot\r', '\ndata: x\r\n\r', '\n'])).toEqual(
      [{ event: 'snapshot', data: 'x' }],
    );
  });

  it('accepts CR-only line endings', () => {
    expect(parseChunks(['event: a\rdata: 1\r\r'])).toEqual([
      { event: 'a', data: '1' },
    ]);
  });

  it('joins multi-line data with newlines and strips one leading space only', () => {
    expect(parseChunks(['data:  two spaces\ndata:none\n\n'])).toEqual([
      { event: 'message', data: ' two spaces\nnone' },
    ]);
  });

  it('dispatches a named event without data (a bare heartbeat)', () => {
    expect(parseChunks(['event: heartbeat\n\n'])).toEqual([
      { event: 'heartbeat', data: '' },
    ]);
  });

  it('keeps the last event id and ignores retry and unknown fields', () => {
    expect(
      parseChunks([
        'id: 7\nretry: 1000\nfoo: bar\nevent: snapshot\ndata: x\n\n',
      ]),
    ).toEqual([{ event: 'snapshot', data: 'x', id: '7' }]);
  });

  it('holds back an event until its terminating blank line arrives', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: snapshot\ndata: {"b":')).toEqual([]);
    expect(parser.push('2}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'snapshot', data: '{"b":2}' }]);
  });
});
