// The timeline: incidents per day (or week/month over long spans) stacked by
// event type, as a self-drawn SVG; dragging across it (the brush) sets the
// since/until filter of the map; a click without a drag clears it.
import { clear, el, svg } from "./dom.js";
import { colourOf, orderTypes } from "./types.js";

const DAY = 86400000;
const HEIGHT = 130;
const M = { top: 10, right: 12, bottom: 22, left: 34 };

/** Days since 1970-01-01 of a YYYY-MM-DD string (UTC). */
export function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

/** The YYYY-MM-DD of a day number. */
export function isoDay(n) {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** The bin width in days for a span: days up to a year, then weeks, then 30-day months. */
export function binDays(span) {
  if (span <= 370) return 1;
  if (span <= 2600) return 7;
  return 30;
}

/**
 * Bin the /api/counts?by=day items. Returns {first, last, width, bins, types, max}
 * with bins[i] = Map(type -> n) covering days [first + i*width, first + (i+1)*width).
 */
export function binCounts(items) {
  const dated = (items || []).filter((it) => typeof it.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(it.day));
  if (!dated.length) return null;
  const days = dated.map((it) => dayNumber(it.day));
  const [first, last] = coreRange(dated, days);
  const width = binDays(last - first + 1);
  const n = Math.floor((last - first) / width) + 1;
  const bins = Array.from({ length: n }, () => new Map());
  let outside = 0;
  dated.forEach((it, k) => {
    if (days[k] < first || days[k] > last) {
      outside += Number(it.n) || 0;
      return;
    }
    const b = bins[Math.floor((days[k] - first) / width)];
    b.set(it.event_type, (b.get(it.event_type) || 0) + (Number(it.n) || 0));
  });
  const types = orderTypes(dated.map((it) => it.event_type)).filter((t) => dated.some((it) => it.event_type === t));
  let max = 0;
  for (const b of bins) max = Math.max(max, [...b.values()].reduce((a, x) => a + x, 0));
  return { first, last: first + n * width - 1, width, bins, types, max, outside };
}

/**
 * The days the timeline spans: all of them, unless a few stray dates (a war
 * recalled from 1948, a plan for 2030) would stretch a span of years to decades;
 * then the tails holding at most TAIL of the incidents at each end are left off (and counted).
 */
const TAIL = 0.02;
function coreRange(items, days) {
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  if (hi - lo <= 3 * 365) return [lo, hi];
  const order = days.map((d, k) => [d, Number(items[k].n) || 0]).sort((a, b) => a[0] - b[0]);
  const total = order.reduce((a, [, n]) => a + n, 0);
  let acc = 0;
  let first = lo;
  for (const [d, n] of order) {
    if ((acc + n) / total > TAIL) { first = d; break; }
    acc += n;
  }
  acc = 0;
  let last = hi;
  for (let i = order.length - 1; i >= 0; i--) {
    const [d, n] = order[i];
    if ((acc + n) / total > TAIL) { last = d; break; }
    acc += n;
  }
  return first <= last ? [first, last] : [lo, hi];
}

/**
 * Create the timeline in `container`. `onBrush(since, until)` gets YYYY-MM-DD
 * strings, or (null, null) when the brush is cleared.
 */
export function createTimeline(container, onBrush) {
  let data = null;
  let range = { since: null, until: null };
  const root = el("div", { class: "timeline-inner" });
  container.appendChild(root);

  function draw() {
    clear(root);
    const W = Math.max(200, container.clientWidth || 600);
    if (!data) {
      root.appendChild(el("div", { class: "timeline-empty", text: "No dated incidents for these filters." }));
      return;
    }
    const innerW = W - M.left - M.right;
    const innerH = HEIGHT - M.top - M.bottom;
    const nb = data.bins.length;
    const bw = innerW / nb;
    const x = (day) => M.left + ((day - data.first) / (data.last - data.first + 1)) * innerW;
    const dayAt = (px) => data.first + Math.floor(((px - M.left) / innerW) * (data.last - data.first + 1));
    const y = (v) => M.top + innerH - (data.max ? (v / data.max) * innerH : 0);

    const chart = svg("svg", { width: W, height: HEIGHT, class: "timeline-svg", role: "img" });
    chart.appendChild(svg("title", { text: "Incidents per " + unitName(data.width) + ", stacked by event type" }));
    // Axes: baseline, y max, and about six date ticks.
    chart.appendChild(svg("line", { x1: M.left, x2: W - M.right, y1: y(0), y2: y(0), class: "axis" }));
    chart.appendChild(svg("text", { x: M.left - 4, y: y(data.max) + 4, class: "tick y", text: String(data.max) }));
    chart.appendChild(svg("text", { x: M.left - 4, y: y(0), class: "tick y", text: "0" }));
    const ticks = Math.min(6, nb);
    for (let i = 0; i <= ticks; i++) {
      const d = data.first + Math.round(((data.last - data.first) * i) / Math.max(1, ticks));
      const tx = x(d) + (data.width === 1 ? bw / 2 : 0);
      chart.appendChild(svg("line", { x1: tx, x2: tx, y1: y(0), y2: y(0) + 4, class: "axis" }));
      const anchor = i === 0 ? "start" : i === ticks ? "end" : "middle";
      chart.appendChild(svg("text", { x: tx, y: HEIGHT - 6, class: "tick x", "text-anchor": anchor, text: isoDay(d) }));
    }
    // Stacked bars.
    const bars = svg("g", { class: "bars" });
    // Thin gaps between wide bars; a few days must not make slabs a third of the chart wide.
    const barW = Math.max(1, Math.min(bw > 3 ? bw - 1 : bw, 36));
    data.bins.forEach((bin, i) => {
      let acc = 0;
      const start = data.first + i * data.width;
      for (const t of data.types) {
        const v = bin.get(t) || 0;
        if (!v) continue;
        const rect = svg("rect", {
          x: M.left + i * bw + (bw - barW) / 2,
          width: barW,
          y: y(acc + v),
          height: Math.max(0.5, y(acc) - y(acc + v)),
          fill: colourOf(t),
          class: "bar",
        });
        const when = data.width === 1 ? isoDay(start) : `${isoDay(start)} – ${isoDay(start + data.width - 1)}`;
        rect.appendChild(svg("title", { text: `${when} · ${t}: ${v}` }));
        bars.appendChild(rect);
        acc += v;
      }
    });
    chart.appendChild(bars);

    // The brush: the current since/until, then a transparent overlay taking the drags.
    const sel = svg("rect", { class: "brush-selection", y: M.top, height: innerH, x: 0, width: 0, visibility: "hidden" });
    chart.appendChild(sel);
    const showRange = (a, b) => {
      if (a === null || b === null) return sel.setAttribute("visibility", "hidden");
      const x0 = Math.max(M.left, Math.min(x(a), x(b + 1)));
      const x1 = Math.min(W - M.right, Math.max(x(a), x(b + 1)));
      sel.setAttribute("x", x0);
      sel.setAttribute("width", Math.max(1, x1 - x0));
      sel.setAttribute("visibility", x1 > x0 ? "visible" : "hidden");
    };
    const a = range.since ? Math.max(data.first, dayNumber(range.since)) : null;
    const b = range.until ? Math.min(data.last, dayNumber(range.until)) : null;
    if (range.since || range.until) showRange(a ?? data.first, b ?? data.last);

    const overlay = svg("rect", { class: "brush-overlay", x: M.left, y: M.top, width: innerW, height: innerH });
    chart.appendChild(overlay);
    let startX = null;
    const px = (ev) => {
      const box = chart.getBoundingClientRect();
      return Math.max(M.left, Math.min(W - M.right - 0.001, ev.clientX - box.left));
    };
    overlay.addEventListener("pointerdown", (ev) => {
      startX = px(ev);
      overlay.setPointerCapture(ev.pointerId);
    });
    overlay.addEventListener("pointermove", (ev) => {
      if (startX === null) return;
      const d0 = dayAt(Math.min(startX, px(ev)));
      const d1 = dayAt(Math.max(startX, px(ev)));
      showRange(d0, d1);
    });
    overlay.addEventListener("pointerup", (ev) => {
      if (startX === null) return;
      const endX = px(ev);
      const moved = Math.abs(endX - startX) >= 3;
      const d0 = dayAt(Math.min(startX, endX));
      const d1 = dayAt(Math.max(startX, endX));
      startX = null;
      if (!moved) {
        range = { since: null, until: null };
        showRange(null, null);
        onBrush(null, null);
        return;
      }
      // Snap to whole bins so a brushed bar is wholly in or out.
      const s = data.first + Math.floor((d0 - data.first) / data.width) * data.width;
      const u = Math.min(data.last, data.first + (Math.floor((d1 - data.first) / data.width) + 1) * data.width - 1);
      range = { since: isoDay(s), until: isoDay(u) };
      showRange(s, u);
      onBrush(range.since, range.until);
    });
    root.appendChild(chart);

    const legend = el("div", { class: "timeline-legend" });
    legend.appendChild(el("span", { class: "unit", text: `per ${unitName(data.width)}` }));
    for (const t of data.types) {
      legend.appendChild(el("span", { class: "item" }, el("span", { class: "swatch", style: { background: colourOf(t) } }), t));
    }
    if (data.outside) {
      legend.appendChild(el("span", { class: "unit", text: `${data.outside} dated outside this span not shown` }));
    }
    legend.appendChild(el("span", { class: "hint", text: "Drag to filter dates; click to clear." }));
    root.appendChild(legend);
  }

  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(draw);
  });

  return {
    /** New counts (items of /api/counts?by=day). */
    setCounts(items) {
      data = binCounts(items);
      draw();
    },
    /** Show a since/until selection without firing onBrush. */
    setRange(since, until) {
      range = { since: since || null, until: until || null };
      draw();
    },
    redraw: draw,
  };
}

function unitName(width) {
  return width === 1 ? "day" : width === 7 ? "week" : "30 days";
}
