// The filter bar: dates, actors (autocomplete from GET /actors?q=), CAMEO root, QuadClass,
// country, outlet. It reads and writes the URL state (state.js); every other active filter
// (source, target, code, place, map area...) shows as a removable chip.

import { apiGet, isAbort, results } from "./api.js";
import { debounce, fill, h } from "./dom.js";
import { FILTERS, LIST_ONLY, setState, splitValues } from "./state.js";

const BAR_FIELDS = new Set(["start", "end", "actor", "root", "quad_class", "country", "outlet", "q"]);
const CHIP_LABELS = { source: "source", target: "target", code: "code", plover: "PLOVER", place: "place", q: "words",
  min_mentions: "min. reports", bbox: "map area" };

export class FilterBar {
  constructor(form, { codebook, onStatus }) {
    this.form = form;
    this.codebook = codebook;
    this.onStatus = onStatus;
    this.el = (name) => form.querySelector(`[name="${name}"]`);
    this.actorInput = form.querySelector("#actor-input");
    this.suggestions = form.querySelector("#actor-suggestions");
    this.actorChips = form.querySelector("#actor-chips");
    this.chips = document.querySelector("#active-filters");
    this.state = {};
    this.areaLabel = null;
    this.bind();
    codebook.ready.then(() => {
      this.fillChoices();
      this.show(this.state);
    });
  }

  fillChoices() {
    const root = this.el("root");
    for (const [code, name] of this.codebook.roots()) root.appendChild(h("option", { value: code }, `${code} ${name}`.trim()));
    const quad = this.el("quad_class");
    for (const q of [1, 2, 3, 4]) quad.appendChild(h("option", { value: String(q) }, `${q} ${this.codebook.quadName(q)}`));
    const countries = document.querySelector("#country-list");
    for (const [code, entry] of this.codebook.countries) countries.appendChild(h("option", { value: code }, entry.name || code));
    const outlets = this.codebook.meta.outlets || this.codebook.meta.coverage?.outlets || [];
    const outletList = document.querySelector("#outlet-list");
    for (const outlet of outlets) outletList.appendChild(h("option", { value: typeof outlet === "string" ? outlet : outlet.outlet || outlet.name || "" }));
  }

  bind() {
    for (const name of ["start", "end", "root", "quad_class"]) {
      this.el(name).addEventListener("change", () => setState({ [name]: this.el(name).value }));
    }
    for (const name of ["country", "outlet", "q"]) {
      const input = this.el(name);
      const apply = () => {
        const value = name === "country" ? input.value.trim().toUpperCase() : input.value.trim();
        if (value !== (this.state[name] || "")) setState({ [name]: value });
      };
      input.addEventListener("change", apply);
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); apply(); } });
    }
    this.form.addEventListener("submit", (e) => e.preventDefault());
    this.form.querySelector("#reset").addEventListener("click", () => {
      const cleared = {};
      for (const key of [...FILTERS, ...LIST_ONLY]) cleared[key] = null;
      setState(cleared);
    });
    const suggest = debounce(() => this.suggest(), 150);
    this.actorInput.addEventListener("input", suggest);
    this.actorInput.addEventListener("keydown", (e) => this.actorKeys(e));
    this.actorInput.addEventListener("blur", () => setTimeout(() => { this.suggestions.hidden = true; }, 150));
  }

  /** Show the URL state in the bar. */
  show(state) {
    this.state = state;
    for (const name of ["start", "end", "root", "quad_class", "country", "outlet", "q"]) {
      const input = this.el(name);
      if (document.activeElement !== input || input.type !== "text") input.value = state[name] || "";
    }
    fill(this.actorChips, splitValues(state.actor).map((actor) => this.chip(actor, () => this.removeActor(actor), "actor")));
    const others = Object.keys(CHIP_LABELS).filter((key) => state[key] && !BAR_FIELDS.has(key));
    fill(this.chips, others.map((key) => this.chip(`${CHIP_LABELS[key]}: ${key === "bbox" && this.areaLabel ? this.areaLabel : state[key]}`,
      () => setState({ [key]: null }), key)));
    this.chips.hidden = !others.length;
  }

  chip(text, onRemove, key) {
    return h("span", { class: "chip filter-chip", dataset: { key } }, text,
      h("button", { type: "button", class: "chip-x", title: "remove this filter", "aria-label": `remove ${text}`, onclick: onRemove }, "×"));
  }

  addActor(code) {
    const actors = splitValues(this.state.actor);
    if (!actors.includes(code)) actors.push(code);
    this.actorInput.value = "";
    this.suggestions.hidden = true;
    setState({ actor: actors.join("|") });
  }

  removeActor(code) {
    setState({ actor: splitValues(this.state.actor).filter((a) => a !== code).join("|") });
  }

  actorKeys(e) {
    const items = [...this.suggestions.querySelectorAll("li")];
    const active = this.suggestions.querySelector("li.active");
    let index = items.indexOf(active);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      index = e.key === "ArrowDown" ? Math.min(items.length - 1, index + 1) : Math.max(0, index - 1);
      items.forEach((li, i) => li.classList.toggle("active", i === index));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const value = active?.dataset.code || this.actorInput.value.trim();
      if (value) this.addActor(value);
    } else if (e.key === "Escape") {
      this.suggestions.hidden = true;
    }
  }

  async suggest() {
    const q = this.actorInput.value.trim();
    if (q.length < 2) {
      this.suggestions.hidden = true;
      return;
    }
    let rows;
    try {
      rows = results(await apiGet("/actors", { q, limit: 12 }, "actors"));
    } catch (error) {
      if (!isAbort(error)) this.onStatus(error);
      return;
    }
    fill(this.suggestions, rows.map((row) => {
      const code = row.code || row.actor || "";
      const name = [row.name, row.text && row.text !== row.name ? `“${row.text}”` : ""].filter(Boolean).join(" ");
      const rule = row.rule || row.line || row.dictionary_line || row.source || "";
      return h("li", { dataset: { code }, onmousedown: (e) => { e.preventDefault(); this.addActor(code); } },
        h("span", { class: "code" }, code), " ", h("span", {}, name), rule ? h("small", { class: "muted" }, ` ${rule}`) : null);
    }));
    if (!rows.length) this.suggestions.appendChild(h("li", { class: "muted", dataset: { code: q } }, `No actor found: Enter filters on the words “${q}”`));
    this.suggestions.hidden = false;
  }
}
