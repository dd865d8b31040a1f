/** What an `error` event carries: the error's name and message, nothing else. @internal */
export interface StreamErrorBody {
  name: string;
  message: string;
}

/** The `error` event body of a thrown value (no stack, no request details). @internal */
export function errorBody(e: unknown): StreamErrorBody {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}
