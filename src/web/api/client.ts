import { parseErrorBody } from "../../contracts/errors.js";

export type Lang = "zh-CN" | "en";

/** Every failed API call throws this; `message` is already in the user's language when the server sent it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Codes the client makes up itself when the server gave no error body. */
export const CLIENT_ERROR = { network: "NETWORK_ERROR", http: "HTTP_ERROR" } as const;

const state: { lang: Lang; csrfToken: string | null; onUnauthorized: (() => void) | null } = {
  lang: "zh-CN",
  csrfToken: null,
  onUnauthorized: null,
};

export const setApiLang = (lang: Lang): void => {
  state.lang = lang;
};
export const setCsrfToken = (token: string | null): void => {
  state.csrfToken = token;
};
/** Called on any 401: the session is gone, so the app shows the login page. */
export const setOnUnauthorized = (handler: (() => void) | null): void => {
  state.onUnauthorized = handler;
};

type Query = Record<string, string | number | boolean | undefined | null>;
type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal; file?: Blob };

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function request<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": state.lang === "en" ? "en" : "zh-CN" };
  if (opts.file) headers["Content-Type"] = opts.file.type;
  else if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.csrfToken) headers["x-csrf-token"] = state.csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: "same-origin",
      body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, CLIENT_ERROR.network, "");
  }

  const body = await readJson(res);
  if (res.ok) return body as T;

  const parsed = parseErrorBody(body);
  const error = parsed
    ? new ApiError(res.status, parsed.code, parsed.message, parsed.details)
    : new ApiError(res.status, CLIENT_ERROR.http, "");
  if (res.status === 401) state.onUnauthorized?.();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  del: <T>(path: string) => request<T>("DELETE", path),
  /** Sends a file as the raw body (its own content type), with the session's CSRF token and language. */
  upload: <T>(path: string, file: Blob, query?: Query) => request<T>("POST", path, { file, query }),
};

/** True for an aborted request: ignore it, the component that asked has gone. */
export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === "AbortError";
