// The /api/v1 client: one envelope for lists, one error shape for every error.
//   list:  {"query", "limit", "next_cursor", "next_url", "total", "results": [...], "store"}
//   error: {"error": {"status", "field", "message"}}

export const API = "/api/v1";

export class ApiError extends Error {
  constructor(status, field, message) {
    super(field ? `${field}: ${message}` : message);
    this.status = status;
    this.field = field;
  }
}

/** Query string from {name: value}; empty values are left out, arrays are joined with "|". */
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    qs.set(key, Array.isArray(value) ? value.join("|") : String(value));
  }
  const text = qs.toString();
  return text ? `?${text}` : "";
}

export function apiUrl(path, params = {}) {
  return `${API}${path}${queryString(params)}`;
}

const inflight = new Map();

/**
 * GET an API path. `key` names a panel: a newer request under the same key aborts the older
 * one, so a panel never draws a stale answer after a quick change of filters.
 */
export async function apiGet(path, params = {}, key = null) {
  // next_url comes whole from the server (absolute, or a path under /api/v1).
  const url = path.startsWith(API) || /^https?:\/\//.test(path) ? path : apiUrl(path, params);
  let signal;
  if (key) {
    inflight.get(key)?.abort();
    const controller = new AbortController();
    inflight.set(key, controller);
    signal = controller.signal;
  }
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = body && body.error ? body.error : {};
    throw new ApiError(err.status ?? response.status, err.field ?? null, err.message ?? response.statusText);
  }
  return body;
}

export function isAbort(error) {
  return error && error.name === "AbortError";
}

/** The rows of a list answer (the envelope's results), or the answer itself if it is a list. */
export function results(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.results)) return body.results;
  return [];
}
