// The codebook's typology (CODEBOOK §2) and one colour per event type.

export const TYPOLOGY = {
  Battles: ["Government regains territory", "Non-state actor overtakes territory", "Armed clash"],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
  ],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Excessive force against protesters", "Protest with intervention", "Peaceful protest"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
  ],
};

export const TYPES = Object.keys(TYPOLOGY);

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
