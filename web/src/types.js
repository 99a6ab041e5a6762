// The codebook's typology (CODEBOOK §2) and one colour per event type.

// The typology comes from the server (/api/facets "typology", from the codebook),
// so it is written down once; ES module bindings let every importer see it once set.
export let TYPOLOGY = {};
export let TYPES = [];

export function setTypology(typology) {
  TYPOLOGY = typology || {};
  TYPES = Object.keys(TYPOLOGY);
}

// Colour-blind-safe (Okabe-Ito) hues, one per type; grey for anything else.
const COLOURS = {
  Battles: "#D55E00",
  "Explosions/Remote violence": "#CC79A7",
  "Violence against civilians": "#0072B2",
  Protests: "#009E73",
  Riots: "#E69F00",
  "Strategic developments": "#56B4E9",
};

export function colourOf(type) {
  return COLOURS[type] || "#777777";
}

/** Types in the codebook's order, then any unknown ones seen in the data. */
export function orderTypes(seen) {
  const extra = [...new Set(seen)].filter((t) => !COLOURS[t]).sort();
  return [...TYPES, ...extra];
}

/** A CSS-class-safe slug of a type name. */
export function slug(type) {
  return String(type || "unknown").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
