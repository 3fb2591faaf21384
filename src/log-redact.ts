/**
 * What may reach a log line. Strings lose anything shaped like a secret, keys named like secrets
 * lose their values, and errors are cut down to what helps an operator: the call (method, host,
 * path with secret segments masked), the status, and Slack's or Zoom's own error code and message.
 * Axios errors in particular carry the request config (Authorization header, body, full URL with
 * `?code=` / `?zak=`) and the response_url, which is a credential: none of that is kept.
 */

export const CENSOR = '[redacted]';

export const SECRET_KEYS =
  /token|secret|password|passcode|authorization|start_?url|response_?url|verifier|signature|cookie|zak|encrypted|email/i;

const SECRET_PATTERNS: RegExp[] = [
  /\bxox[abposre]-[A-Za-z0-9-]+/g, // Slack tokens
  /\bxapp-[A-Za-z0-9-]+/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bBasic\s+[A-Za-z0-9+/=]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, // JWTs (Zoom access/refresh tokens)
  /https:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'<>|\\]+/g, // response_url: posts to the channel for 30 minutes
  // A response_url path on its own, as axios and Bolt sometimes print it.
  /\/(?:commands|actions|workflows|services)\/[TE][A-Z0-9]+\/\d+\/[A-Za-z0-9]+/g,
  /([?&](?:zak|access_token|refresh_token|code|code_verifier|pwd|state|token)=)[^&\s"']+/gi,
];

export function redactString(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${CENSOR}` : CENSOR,
    );
  }
  return out;
}

/** Path segments that are API words or numeric ids; anything else (ids of response_urls, emails, tokens) is masked. */
const SAFE_SEGMENT = /^(?:[a-z]{1,30}(?:[_-][a-z]{1,30}){0,4}(?:\.[a-z][a-zA-Z]{0,39}){0,2}|v\d|\d{1,20})$/;

/** Host and path of a URL with every segment that could be a secret masked; the query is dropped. */
export function maskedUrl(url: string, base?: string): { host?: string; path: string } {
  let parsed: URL;
  // As axios does: a relative url is appended to the base, not resolved against it.
  const full =
    base && !/^[a-z][a-z0-9+.-]*:/i.test(url)
      ? `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
      : url;
  try {
    parsed = new URL(full);
  } catch {
    return { path: CENSOR };
  }
  // Everything after /commands or /actions on Slack's hooks host is the credential itself.
  const hooks = /^hooks\.slack(?:-gov)?\.com$/i.test(parsed.hostname);
  const segments = parsed.pathname
    .split('/')
    .filter(Boolean)
    .map((s, i) => {
      const segment = safeDecode(s);
      return (hooks && i > 0) || !SAFE_SEGMENT.test(segment) ? CENSOR : segment;
    });
  return { host: parsed.host, path: `/${segments.join('/')}` };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Loose = Record<string, unknown>;

/** The answer's body as an object, whether axios parsed it or left it as text. */
function bodyOf(data: unknown): Loose | undefined {
  if (data && typeof data === 'object' && !Array.isArray(data)) return data as Loose;
  if (typeof data !== 'string' || data.length > 100_000) return undefined;
  try {
    const parsed = JSON.parse(data) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Loose) : undefined;
  } catch {
    return undefined;
  }
}

/** Zoom's `{code, message}` or Slack's `{error}` from an answer body, nothing else. */
function serviceError(body: Loose | undefined, out: Loose): void {
  if (!body) return;
  if (typeof body.error === 'string') out.slackError = body.error.slice(0, 100);
  if (typeof body.code === 'number') out.zoomCode = body.code;
  if (typeof body.message === 'string' && typeof body.code === 'number') {
    out.zoomMessage = redactString(body.message).slice(0, 300);
  }
}

/** The error serializer: only what says which call failed and how, never its headers, body or query. */
export function serializeError(value: unknown, depth = 0): Loose {
  if (!value || typeof value !== 'object') return { message: redactString(String(value)) };
  const err = value as Loose & { config?: Loose; response?: Loose; original?: unknown; cause?: unknown };
  const name = typeof err.name === 'string' && err.name !== 'Error' ? err.name : err.constructor?.name;
  const out: Loose = { type: typeof name === 'string' && name ? name : 'Error' };
  const config = (err.config ?? (err.original as { config?: Loose } | undefined)?.config) as
    | Loose
    | undefined;
  if (config && typeof config.url === 'string') {
    // An HTTP client error (axios directly, or inside Slack's WebClient / Bolt's respond()).
    if (typeof config.method === 'string') out.method = config.method.toUpperCase();
    Object.assign(
      out,
      maskedUrl(config.url, typeof config.baseURL === 'string' ? config.baseURL : undefined),
    );
    const response = (err.response ?? (err.original as { response?: Loose } | undefined)?.response) as
      | Loose
      | undefined;
    if (response && typeof response.status === 'number') out.status = response.status;
    serviceError(bodyOf(response?.data), out);
    // With no answer, the code says what happened (ECONNABORTED, ETIMEDOUT, ECONNREFUSED, ...).
    if (!response && typeof err.code === 'string' && /^E[A-Z_]+$/.test(err.code)) out.code = err.code;
    return out;
  }
  // Slack's WebClient: `data.error` for platform errors, `statusCode` for HTTP errors.
  serviceError(bodyOf(err.data), out);
  if (typeof err.statusCode === 'number') out.status = err.statusCode;
  if (typeof err.status === 'number') out.status = err.status;
  if (typeof err.code === 'number') out.zoomCode = err.code;
  else if (typeof err.code === 'string' && err.code.length <= 60) out.code = err.code;
  if (typeof err.message === 'string') out.message = redactString(err.message).slice(0, 1000);
  if (typeof err.stack === 'string' && depth === 0) {
    // The frames only: the first line repeats the message, which was already scrubbed above.
    out.stack = redactString(err.stack.split('\n').slice(1, 8).join('\n'));
  }
  const inner = err.original ?? err.cause;
  if (inner && depth < 2) out.cause = serializeError(inner, depth + 1);
  return out;
}

/** Deep copy with secret-named keys masked, strings scrubbed and errors serialized. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactString(value);
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    if ((value as Loose).isAxiosError === true) return serializeError(value);
    const out: Loose = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) && v !== undefined && v !== null ? CENSOR : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
