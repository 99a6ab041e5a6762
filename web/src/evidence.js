// Report text with its evidence highlighted. Offsets from the API count code
// points (Python string indices); JavaScript strings count UTF-16 units, so
// the text is split into code points first. Every piece becomes a text node,
// wrapped in a <mark> built with createElement: the text is never parsed as HTML.
import { el } from "./dom.js";

// The fields of the contract's evidence list, strongest first: a piece covered
// by several spans takes the class of the strongest.
export const FIELDS = ["claim", "actor1", "actor2", "location", "date", "sentence"];
const LABELS = {
  claim: "casualty claim",
  actor1: "actor 1",
  actor2: "actor 2",
  location: "place",
  date: "date",
  sentence: "evidence sentence",
};

/**
 * The spans of `evidence` as code-point [start, end) pairs into `cps` (the text's
 * code points), checked against each entry's text; an entry whose offsets do
 * not fit is located by its text (first occurrence) or dropped.
 */
export function resolveSpans(text, cps, evidence) {
  const out = [];
  for (const e of evidence || []) {
    if (!e || typeof e !== "object") continue;
    const field = FIELDS.includes(e.field) ? e.field : "sentence";
    const want = typeof e.text === "string" ? e.text : null;
    let { start, end } = e;
    const fits = (a, b) => Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b > a && b <= cps.length;
    if (fits(start, end) && (want === null || cps.slice(start, end).join("") === want)) {
      out.push({ start, end, field });
      continue;
    }
    // Offsets counted in UTF-16 units by some producer: convert.
    if (want && Number.isInteger(start) && text.slice(start, end) === want) {
      const a = Array.from(text.slice(0, start)).length;
      out.push({ start: a, end: a + Array.from(want).length, field });
      continue;
    }
    if (want) {
      const k = text.indexOf(want);
      if (k >= 0) {
        const a = Array.from(text.slice(0, k)).length;
        out.push({ start: a, end: a + Array.from(want).length, field });
      }
    }
  }
  return out;
}

/**
 * The nodes of `text` with `evidence` ([{field, start, end, text}]) highlighted:
 * text nodes for plain pieces, <mark class="evidence ev-FIELD"> for covered ones.
 */
export function highlightedNodes(text, evidence) {
  const s = typeof text === "string" ? text : "";
  const cps = Array.from(s);
  const spans = resolveSpans(s, cps, evidence);
  const cuts = new Set([0, cps.length]);
  for (const sp of spans) {
    cuts.add(sp.start);
    cuts.add(sp.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = cps.slice(a, b).join("");
    const covering = spans.filter((sp) => sp.start <= a && sp.end >= b).map((sp) => sp.field);
    if (!covering.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const fields = FIELDS.filter((f) => covering.includes(f));
    const strongest = fields[0];
    const mark = el("mark", {
      class: ["evidence", `ev-${strongest}`, covering.includes("sentence") && strongest !== "sentence" ? "in-sentence" : ""],
      title: fields.map((f) => LABELS[f]).join(", "),
      dataset: { fields: fields.join(" ") },
    });
    mark.textContent = piece;
    nodes.push(mark);
  }
  return nodes;
}

/** A key to the highlight colours. */
export function highlightKey() {
  return el(
    "div",
    { class: "ev-key" },
    ["sentence", "actor1", "actor2", "location", "date", "claim"].map((f) =>
      el("span", { class: ["ev-key-item", `ev-${f}`], text: LABELS[f] }),
    ),
  );
}
