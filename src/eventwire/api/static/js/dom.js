// Safe DOM building: every piece of text from the API goes in through textContent or an
// attribute set with setAttribute, never through innerHTML.

/** h("a", {href, class: "x", onclick}, child, "text", [more]) -> Element */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link only for http(s) URLs; anything else (javascript:, data:) is shown as plain text. */
export function safeLink(url, text, attrs = {}) {
  let ok = false;
  try {
    const parsed = new URL(String(url), window.location.href);
    ok = parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    ok = false;
  }
  if (!url || !ok) return h("span", {}, text ?? url ?? "");
  return h("a", { href: String(url), target: "_blank", rel: "noopener noreferrer", ...attrs }, text ?? String(url));
}

export function fmtNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return "–";
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * Resolves once the vendored libraries (deferred classic scripts: L, topojson, vegaEmbed) have run.
 * readyState is already "interactive" while deferred scripts wait their turn, so the libraries
 * themselves are checked; DOMContentLoaded fires after the last of them (load, if it was missed).
 */
export const libsReady = new Promise((resolve) => {
  const loaded = () => window.L && window.L.markerClusterGroup && window.topojson && window.vegaEmbed;
  if (loaded()) resolve();
  else {
    document.addEventListener("DOMContentLoaded", resolve, { once: true });
    window.addEventListener("load", resolve, { once: true });
  }
});
