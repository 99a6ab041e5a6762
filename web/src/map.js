// The map: the shipped Natural Earth boundaries (optionally over the user's
// tiles), incidents as clustered markers coloured by type and sized by deaths.
import L from "./leaflet-global.js";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import { el } from "./dom.js";
import { colourOf, slug, TYPES } from "./types.js";

const BASEMAP = "static/basemap/countries-50m.json";
const NATURAL_EARTH = "Boundaries: Natural Earth (public domain)";

// A DivIcon whose content is built with DOM calls (options.build), never from
// an HTML string: Leaflet sets DivIcon `html` through innerHTML.
const SafeIcon = L.DivIcon.extend({
  options: { html: "", build: null },
  createIcon(oldIcon) {
    const div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    if (this.options.build) this.options.build(div);
    return div;
  },
});

/** A label point of a (Multi)Polygon: the area centroid of its largest ring, as [lat, lon]. */
export function labelPoint(geometry) {
  if (!geometry) return null;
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  let best = null;
  for (const poly of polys) {
    const ring = poly[0] || [];
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (a && (!best || Math.abs(a) > best.area)) best = { area: Math.abs(a), lat: cy / (3 * a), lon: cx / (3 * a) };
  }
  return best ? [best.lat, best.lon] : null;
}

/** Marker diameter in pixels: grows with the square root of the deaths, capped. */
export function markerSize(fatalities) {
  const f = Math.max(0, Number(fatalities) || 0);
  return Math.round(Math.min(46, 14 + 5 * Math.sqrt(f)));
}

function tooltip(p) {
  const deaths = p.fatalities_best ?? 0;
  return el(
    "div",
    { class: "marker-tip" },
    el("strong", { text: p.sub_event_type || p.event_type || "Incident" }),
    el("div", { text: [p.date_start, p.location].filter(Boolean).join(" · ") }),
    p.location_ar ? el("div", { dir: "rtl", lang: "ar", text: p.location_ar }) : null,
    el("div", { text: `${deaths} killed · ${p.n_reports ?? 0} report(s)` }),
    p.review_status ? el("div", { class: "tip-review", text: `analyst: ${p.review_status}` }) : null,
  );
}

function markerIcon(p, selected) {
  const size = markerSize(p.fatalities_best);
  return new SafeIcon({
    className: ["marsad-marker", `type-${slug(p.event_type)}`, p.review_status ? `review-${p.review_status}` : "",
      selected ? "selected" : ""].filter(Boolean).join(" "),
    iconSize: [size, size],
    build(div) {
      div.dataset.incidentId = p.id;
      div.style.background = colourOf(p.event_type);
      div.setAttribute("role", "button");
      div.setAttribute("aria-label", `${p.event_type || "incident"} ${p.date_start || ""} ${p.location || ""}`);
    },
  });
}

function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const byType = new Map();
  let deaths = 0;
  for (const m of children) {
    const p = m.feature.properties;
    byType.set(p.event_type, (byType.get(p.event_type) || 0) + 1);
    deaths += Number(p.fatalities_best) || 0;
  }
  const top = [...byType.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = Math.round(Math.min(60, 26 + 4 * Math.sqrt(n) + 1.5 * Math.sqrt(deaths)));
  // A ring of type shares around the count: a conic gradient of the type colours.
  let at = 0;
  const stops = [];
  for (const [t, k] of [...byType.entries()].sort((a, b) => b[1] - a[1])) {
    const next = at + (k / n) * 360;
    stops.push(`${colourOf(t)} ${at}deg ${next}deg`);
    at = next;
  }
  return new SafeIcon({
    className: `marsad-cluster type-${slug(top)}`,
    iconSize: [size, size],
    build(div) {
      div.style.background = `conic-gradient(${stops.join(", ")})`;
      div.appendChild(el("span", { text: String(n) }));
      div.setAttribute("aria-label", `${n} incidents, ${deaths} killed`);
      div.setAttribute("role", "button");
    },
  });
}

function legend() {
  const control = L.control({ position: "bottomright" });
  control.onAdd = () => {
    const box = el("div", { class: "legend" }, el("div", { class: "legend-title", text: "Event type" }));
    for (const t of TYPES) {
      box.appendChild(el("div", { class: "legend-row" }, el("span", { class: "swatch", style: { background: colourOf(t) } }), t));
    }
    box.appendChild(el("div", { class: "legend-note", text: "Size: fatalities (best). Ring: analyst review." }));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  return control;
}

/**
 * Create the map in `container`. `config` is /api/config; `onSelect(id)` is
 * called when an incident marker is clicked. Returns {setIncidents, select, reveal, fit, invalidate}.
 */
export function createMap(container, config, onSelect) {
  const map = L.map(container, {
    center: [34.5, 38.5],
    zoom: 6,
    minZoom: 2,
    maxZoom: 16,
    worldCopyJump: true,
    preferCanvas: false,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(NATURAL_EARTH);
  if (config && config.attribution) map.attributionControl.addAttribution(escapeText(config.attribution));

  const withTiles = Boolean(config && config.tile_url);
  if (withTiles) {
    L.tileLayer(config.tile_url, { maxZoom: 19 }).addTo(map);
  }
  const boundaries = L.geoJSON(null, {
    renderer: L.canvas({ padding: 0.5 }),
    interactive: false,
    style: () => ({
      color: "#8a8a8a",
      weight: 0.8,
      fillColor: "#f3efe6",
      fillOpacity: withTiles ? 0 : 1,
    }),
  }).addTo(map);
  const labels = L.layerGroup();
  fetch(BASEMAP)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`basemap: HTTP ${r.status}`))))
    .then((topo) => {
      const countries = feature(topo, topo.objects.countries);
      boundaries.addData(countries);
      for (const f of countries.features) {
        const at = labelPoint(f.geometry);
        const name = f.properties && f.properties.name;
        if (!at || !name) continue;
        const icon = new SafeIcon({ className: "country-label", iconSize: null, build: (div) => div.appendChild(el("span", { text: name })) });
        labels.addLayer(L.marker(at, { icon, interactive: false, keyboard: false, pane: "overlayPane" }));
      }
      showLabels();
    })
    .catch((err) => console.warn("marsad: basemap not loaded", err));
  // Country names help where no tiles are drawn; at world zoom they would be a clutter.
  const showLabels = () => {
    const want = map.getZoom() >= 4 && map.getZoom() <= 9;
    if (want && !map.hasLayer(labels)) labels.addTo(map);
    if (!want && map.hasLayer(labels)) labels.remove();
  };
  map.on("zoomend", showLabels);

  legend().addTo(map);

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    disableClusteringAtZoom: 13,
    chunkedLoading: true,
    iconCreateFunction: clusterIcon,
  }).addTo(map);

  const markers = new Map();
  let selected = null;

  function setIncidents(fc) {
    clusters.clearLayers();
    markers.clear();
    const layers = [];
    for (const f of fc.features || []) {
      const c = f.geometry && f.geometry.coordinates;
      if (!c || c.length < 2 || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) continue;
      const p = f.properties || {};
      const m = L.marker([c[1], c[0]], { icon: markerIcon(p, p.id === selected), keyboard: true, riseOnHover: true });
      m.feature = f;
      m.bindTooltip(() => tooltip(p), { direction: "top", offset: [0, -8] });
      m.on("click", () => onSelect(p.id));
      markers.set(p.id, m);
      layers.push(m);
    }
    clusters.addLayers(layers);
    return layers.length;
  }

  function select(id) {
    for (const key of [selected, id]) {
      const m = key && markers.get(key);
      if (m) m.setIcon(markerIcon(m.feature.properties, key === id));
    }
    selected = id;
  }

  /** Pan (or zoom into its cluster) so the marker of incident `id` is in view. */
  function reveal(id) {
    const m = markers.get(id);
    if (!m || !map.hasLayer(clusters)) return;
    const inView = m._icon && map.getBounds().pad(-0.05).contains(m.getLatLng());
    if (!inView) clusters.zoomToShowLayer(m, () => {});
  }

  function fit(animate = true) {
    const b = clusters.getBounds();
    if (b.isValid()) map.fitBounds(b.pad(0.15), { maxZoom: 10, animate });
  }

  return { map, setIncidents, select, reveal, fit, invalidate: () => map.invalidateSize({ pan: false }) };
}

// The attribution control takes HTML strings: the configured attribution is shown as text.
function escapeText(s) {
  const d = document.createElement("div");
  d.textContent = String(s);
  return d.innerHTML;
}
