/** The reason at the bottom of a wrapped error, for one-line log messages. */

/** "connect ECONNREFUSED 127.0.0.1:9", "getaddrinfo ENOTFOUND slack.com", "no answer in time". */
export function causeOf(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5; i += 1) {
    const wrapped = e as { original?: unknown; cause?: unknown } | undefined;
    const next = wrapped?.original ?? wrapped?.cause;
    if (!next) break;
    e = next;
  }
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
    const code = (e as { code?: unknown }).code;
    return code && !e.message.includes(String(code)) ? `${String(code)} ${e.message}` : e.message;
  }
  return String(e);
}
