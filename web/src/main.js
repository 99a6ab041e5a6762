// marsad dashboard: filters, map, timeline and the incident panel, wired to the API.
import "./app.css";
import { getJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { createMap } from "./map.js";
import { createPanel } from "./panel.js";
import { createTimeline } from "./timeline.js";
import { orderTypes, setTypology, TYPOLOGY } from "./types.js";

const MAX_MARKERS = 5000; // clustered, Leaflet draws this many briskly; the API allows up to 20,000

// Filter names are the API's query parameters.
const FILTERS = ["since", "until", "type", "actor", "admin1", "country", "q"];

const state = { filters: {}, config: null, facets: null, fitted: false };
let mapView = null;
let timeline = null;
let panel = null;
let mapSeq = 0;
let timelineSeq = 0;

/** The filters and the open incident, kept in the URL hash so a view can be shared. */
function readHash() {
  const h = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const filters = {};
  for (const k of FILTERS) if (h.get(k)) filters[k] = h.get(k);
  return { filters, incident: h.get("incident") };
}

function writeHash() {
  const h = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) h.set(k, state.filters[k]);
  const open = panel && panel.current();
  if (open) h.set("incident", open);
  const s = h.toString();
  history.replaceState(null, "", s ? `#${s}` : window.location.pathname + window.location.search);
}

const $ = (id) => document.getElementById(id);

function setStatus(msg, isError = false) {
  const s = $("status");
  s.textContent = msg;
  s.classList.toggle("error", isError);
}

async function refreshMap() {
  const mine = ++mapSeq;
  setStatus("Loading incidents…");
  try {
    const fc = await getJSON("api/incidents.geojson", { ...state.filters, limit: MAX_MARKERS });
    if (mine !== mapSeq) return;
    const n = mapView.setIncidents(fc);
    const got = (fc.features || []).length;
    // "total" (a foreign member of the collection) counts what a larger limit would show.
    const total = Number.isInteger(fc.total) ? fc.total : got;
    const capped = total > got ? ` (${got} of ${total} drawn: narrow the filters to see the rest)` : "";
    setStatus(`${n} incident${n === 1 ? "" : "s"} on the map${capped}`);
    document.body.dataset.markers = String(n);
    if (!state.fitted && n) {
      mapView.fit(false); // no animation: an incident opened from the URL is revealed next
      state.fitted = true;
    }
  } catch (err) {
    if (mine === mapSeq) setStatus(`Incidents not loaded: ${err.message}`, true);
  }
}

async function refreshTimeline() {
  const mine = ++timelineSeq;
  // The timeline shows every date for the other filters, so the brush has context.
  const { since, until, ...rest } = state.filters;
  try {
    const counts = await getJSON("api/counts", { by: "day", ...rest });
    if (mine !== timelineSeq) return;
    timeline.setCounts(counts.items || []);
    timeline.setRange(since, until);
  } catch (err) {
    if (mine === timelineSeq) setStatus(`Timeline not loaded: ${err.message}`, true);
  }
}

function setFilters(patch, { timelineToo = true } = {}) {
  for (const [k, v] of Object.entries(patch)) {
    if (v) state.filters[k] = v;
    else delete state.filters[k];
  }
  syncInputs();
  writeHash();
  refreshMap();
  if (timelineToo) refreshTimeline();
}

function syncInputs() {
  for (const k of ["since", "until", "type", "actor", "q"]) {
    const input = $(`f-${k}`);
    if (input && input.value !== (state.filters[k] || "")) input.value = state.filters[k] || "";
  }
  const gov = $("f-admin1");
  const key = state.filters.admin1 ? `${state.filters.country || ""}|${state.filters.admin1}` : "";
  if (gov.value !== key) gov.value = key;
}

function buildFilters(facets) {
  const types = $("f-type");
  clear(types).appendChild(el("option", { value: "", text: "All types" }));
  const seen = facets.event_types || [];
  // The sub-types present in the database when the API lists them, else the codebook's.
  const subs = Array.isArray(facets.sub_event_types) ? facets.sub_event_types : null;
  for (const t of orderTypes(seen)) {
    if (!seen.includes(t)) continue;
    const group = el("optgroup", { label: t }, el("option", { value: t, text: `${t} (all)` }));
    const names = subs ? subs.filter((s) => s && s.event_type === t).map((s) => s.sub_event_type) : TYPOLOGY[t] || [];
    for (const s of [...new Set(names)].filter(Boolean)) group.appendChild(el("option", { value: s, text: s }));
    types.appendChild(group);
  }
  const gov = $("f-admin1");
  clear(gov).appendChild(el("option", { value: "", text: "All governorates" }));
  const byCountry = new Map();
  for (const a of facets.admin1 || []) {
    if (!a || !a.admin1) continue;
    if (!byCountry.has(a.country)) byCountry.set(a.country, []);
    byCountry.get(a.country).push(a);
  }
  for (const [country, places] of [...byCountry.entries()].sort()) {
    const group = el("optgroup", { label: country || "?" });
    for (const p of places.sort((x, y) => String(x.admin1).localeCompare(String(y.admin1)))) {
      const label = Number.isInteger(p.n) ? `${p.admin1} (${p.n})` : p.admin1;
      group.appendChild(el("option", { value: `${country || ""}|${p.admin1}`, text: label }));
    }
    gov.appendChild(group);
  }
  for (const k of ["since", "until"]) {
    const input = $(`f-${k}`);
    if (facets.date_min) input.min = facets.date_min;
    if (facets.date_max) input.max = facets.date_max;
  }
}

function wireFilters() {
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  for (const k of ["since", "until", "type"]) $(`f-${k}`).addEventListener("change", (e) => setFilters({ [k]: e.target.value }));
  $("f-admin1").addEventListener("change", (e) => {
    const [country, admin1] = e.target.value ? e.target.value.split("|") : ["", ""];
    state.fitted = false; // zoom to the chosen governorate's incidents
    setFilters({ country, admin1 });
  });
  // Free-text filters apply after a pause in typing, or on Enter.
  for (const k of ["actor", "q"]) {
    let timer = 0;
    const input = $(`f-${k}`);
    const apply = () => {
      clearTimeout(timer);
      if ((state.filters[k] || "") !== input.value.trim()) setFilters({ [k]: input.value.trim() });
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(apply, 500);
    });
    input.addEventListener("keydown", (e) => e.key === "Enter" && apply());
  }
  $("f-reset").addEventListener("click", () => setFilters(Object.fromEntries(FILTERS.map((k) => [k, ""]))));
  $("f-fit").addEventListener("click", () => mapView.fit(true));
}

function openIncident(id) {
  mapView.select(id);
  document.body.classList.add("panel-open");
  mapView.invalidate();
  mapView.reveal(id);
  panel.show(id);
  writeHash();
}

async function main() {
  let config;
  let facets;
  try {
    [config, facets] = await Promise.all([getJSON("api/config"), getJSON("api/facets")]);
  } catch (err) {
    setStatus(`The marsad API did not answer: ${err.message}`, true);
    return;
  }
  state.config = config;
  state.facets = facets;
  setTypology(facets.typology);
  buildFilters(facets);
  wireFilters();

  mapView = createMap($("map"), config, openIncident);
  timeline = createTimeline($("timeline"), (since, until) => setFilters({ since, until }, { timelineToo: false }));
  panel = createPanel($("incident-panel"), {
    config,
    onOpen: openIncident,
    onReviewed: () => refreshMap(),
    onClose: () => {
      mapView.select(null);
      document.body.classList.remove("panel-open");
      mapView.invalidate();
      writeHash();
    },
  });

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && panel.current() && !e.target.closest("input, textarea, select")) panel.hide();
  });

  const start = readHash();
  state.filters = start.filters;
  syncInputs();
  await Promise.all([refreshMap(), refreshTimeline()]);
  if (start.incident) openIncident(start.incident);
  document.body.dataset.ready = "1";
}

main();
