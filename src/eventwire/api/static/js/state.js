// The dashboard's state lives in the page URL, under the API's own parameter names, so a view
// can be shared as a link and the same names go straight to /api/v1.

/** Filters every panel sends to the API. */
export const FILTERS = ["start", "end", "actor", "source", "target", "country", "code", "root", "quad_class",
  "plover", "place", "outlet", "q", "min_mentions"];
/** The event list only: a map cluster's area, the sort and the page size. */
export const LIST_ONLY = ["bbox", "sort", "limit"];
/** Panel settings, also API parameter names (/timeline). */
export const VIEW = ["interval", "group_by"];
export const DEFAULTS = { interval: "week", group_by: "quad_class" };

const listeners = [];

export function readState() {
  const qs = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of [...FILTERS, ...LIST_ONLY, ...VIEW]) {
    const value = qs.get(key);
    if (value !== null && value !== "") state[key] = value;
  }
  return state;
}

/** Merge `changes` into the URL state (null or "" removes a key) and tell the listeners. */
export function setState(changes, { replace = false } = {}) {
  const qs = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") qs.delete(key);
    else qs.set(key, String(value));
  }
  const search = qs.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ""}${window.location.hash}`;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  notify(changes);
}

export function onStateChange(fn) {
  listeners.push(fn);
}

function notify(changes) {
  const state = readState();
  for (const fn of listeners) fn(state, changes);
}

window.addEventListener("popstate", () => notify(null));

/** The filters of a state, as API parameters. */
export function filterParams(state, { list = false } = {}) {
  const params = {};
  for (const key of list ? [...FILTERS, ...LIST_ONLY] : FILTERS) if (state[key]) params[key] = state[key];
  return params;
}

export function view(state, key) {
  return state[key] || DEFAULTS[key];
}

/** Several values of one parameter are written a|b. */
export function splitValues(value) {
  return value ? String(value).split("|").filter(Boolean) : [];
}
