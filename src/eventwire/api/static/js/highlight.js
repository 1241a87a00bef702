// The evidence sentence with the actors and the verb marked, from the record's character
// offsets. Offsets count from the start of the story, so they are moved by the sentence's own
// start; a span that falls outside the sentence (an actor resolved from an earlier sentence,
// "he" -> the minister) is reported, not drawn.

import { h } from "./dom.js";

/**
 * The sentence's start in the story: the record's sentence_start when it has one, else the
 * offset at which most spans' texts match the sentence (a mention without sentence_start).
 */
export function sentenceBase(sentence, spans, sentenceStart) {
  if (Number.isInteger(sentenceStart)) return sentenceStart;
  const votes = new Map();
  for (const span of spans) {
    if (!span.text || !Number.isInteger(span.start)) continue;
    for (let i = sentence.indexOf(span.text); i >= 0; i = sentence.indexOf(span.text, i + 1)) {
      const base = span.start - i;
      votes.set(base, (votes.get(base) || 0) + 1);
    }
  }
  let best = null;
  for (const [base, count] of votes) if (best === null || count > votes.get(best)) best = base;
  return best;
}

/**
 * Cut `sentence` into pieces, each with the kinds of span covering it.
 * spans: [{kind: "source"|"target"|"verb", start, end, text}] with story offsets.
 * Returns {pieces: [{text, kinds: []}], outside: [span...]}.
 */
export function segments(sentence, spans, sentenceStart = null) {
  const base = sentenceBase(sentence, spans, sentenceStart);
  const inside = [];
  const outside = [];
  for (const span of spans) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || base === null) {
      if (span.text) outside.push(span);
      continue;
    }
    const start = span.start - base;
    const end = span.end - base;
    const fits = start >= 0 && end <= sentence.length && end > start;
    if (fits && (!span.text || sentence.slice(start, end) === span.text)) inside.push({ ...span, start, end });
    else outside.push(span);
  }
  const cuts = new Set([0, sentence.length]);
  for (const span of inside) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const kinds = inside.filter((s) => s.start <= a && s.end >= b).map((s) => s.kind);
    pieces.push({ text: sentence.slice(a, b), kinds: [...new Set(kinds)] });
  }
  return { pieces, outside };
}

/** The spans of a record (event or mention): source, target and the evidence verb. */
export function recordSpans(record) {
  const spans = [];
  for (const kind of ["source", "target"]) {
    const side = record[kind];
    if (side && typeof side === "object") spans.push({ kind, start: side.start, end: side.end, text: side.text });
  }
  const ev = record.evidence;
  if (ev) spans.push({ kind: "verb", start: ev.start, end: ev.end, text: ev.verb });
  return spans;
}

/** <p class="sentence"> with <mark class="hl hl-source|hl-target|hl-verb"> pieces. */
export function renderSentence(record, sentenceStart = record.sentence_start) {
  const sentence = record.sentence || "";
  const { pieces, outside } = segments(sentence, recordSpans(record), sentenceStart ?? null);
  const p = h("p", { class: "sentence" });
  for (const piece of pieces) {
    if (!piece.kinds.length) p.appendChild(document.createTextNode(piece.text));
    else {
      const cls = ["hl", ...piece.kinds.map((k) => `hl-${k}`)].join(" ");
      p.appendChild(h("mark", { class: cls, title: piece.kinds.join(" + "), dataset: { kinds: piece.kinds.join(" ") } }, piece.text));
    }
  }
  const notes = outside.map((span) => h("p", { class: "hint" },
    `${span.kind}: “${span.text}” is named outside this sentence (resolved from the story).`));
  return h("div", { class: "evidence" }, p, notes);
}
