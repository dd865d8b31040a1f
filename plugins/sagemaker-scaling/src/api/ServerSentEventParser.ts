/**
 * One server-sent event, as dispatched by the parser.
 * @public
 */
export interface ServerSentEvent {
  /** `event:` field; `message` when the server sent none. */
  event: string;
  /** `data:` lines joined with newlines. */
  data: string;
  /** `id:` field, when present. */
  id?: string;
}

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML, "Server-sent
 * events"). Text arrives in arbitrary chunks: a line, a CRLF pair or a whole event may
 * be split across chunk boundaries, so everything after the last line break is kept
 * until more text arrives.
 * @public
 */
export class ServerSentEventParser {
  #buffer = '';
  /** A chunk ended in CR: an LF starting the next chunk belongs to the same line break. */
  #skipLeadingLineFeed = false;
  #eventName = '';
  #dataLines: string[] = [];
  #id: string | undefined;
  #hasFields = false;

  /** Feeds decoded text and returns the events completed by it. */
  push(text: string): ServerSentEvent[] {
    let input = text;
    if (this.#skipLeadingLineFeed && input.startsWith('\n')) {
      input = input.slice(1);
    }
    this.#skipLeadingLineFeed = false;
    this.#buffer += input;

    const events: ServerSentEvent[] = [];
    const lineBreak = /\r\n|\r|\n/g;
    let start = 0;
    for (
      let match = lineBreak.exec(this.#buffer);
      match !== null;
      match = lineBreak.exec(this.#buffer)
    ) {
      // A lone CR at the very end may be the first half of a CRLF split across chunks.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1) {
        this.#skipLeadingLineFeed = true;
      }
      const event = this.#processLine(this.#buffer.slice(start, match.index));
      if (event) {
        events.push(event);
      }
      start = match.index + match[0].length;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  #processLine(line: string): ServerSentEvent | undefined {
    if (line === '') {
      return this.#dispatch();
    }
    if (line.startsWith(':')) {
      return undefined; // comment, used by servers as keep-alive
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.#eventName = value;
        this.#hasFields = true;
        break;
      case 'data':
        this.#dataLines.push(value);
        this.#hasFields = true;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.#id = value;
        }
        break;
      default:
        // `retry` and unknown fields do not matter to a fetch-based reader.
        break;
    }
    return undefined;
  }

  #dispatch(): ServerSentEvent | undefined {
    // Unlike EventSource we also dispatch named events without data (e.g. a bare
    // `event: heartbeat`), because they carry meaning for us.
    const event = this.#hasFields
      ? {
          event: this.#eventName || 'message',
          data: this.#dataLines.join('\n'),
          ...(this.#id !== undefined ? { id: this.#id } : {}),
        }
      : undefined;
    this.#eventName = '';
    this.#dataLines = [];
    this.#hasFields = false;
    return event;
  }
}
