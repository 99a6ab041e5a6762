// The incident panel: what the machine coded, who claimed how many, the
// outlets, each report's Arabic text with its evidence highlighted, and review.
import { getJSON, incidentPath, reportPath } from "./api.js";
import { clear, el, safeHref } from "./dom.js";
import { highlightKey, highlightedNodes } from "./evidence.js";
import { reviewBlock } from "./review.js";
import { colourOf } from "./types.js";

const REPORTS_AT_ONCE = 8; // more are loaded on demand: an incident may gather many reports

const text = (v) => (v === null || v === undefined || v === "" ? "—" : String(v));

function actorLine(a) {
  if (!a) return "—";
  return el(
    "span",
    {},
    el("span", { text: a.name || "" }),
    a.name_ar && a.name_ar !== a.name ? [" · ", el("bdi", { class: "ar", dir: "rtl", lang: "ar", text: a.name_ar })] : null,
    a.kind ? el("span", { class: "muted", text: ` (${a.kind})` }) : null,
  );
}

function placeLine(loc) {
  if (!loc) return "—";
  const where = [loc.admin2, loc.admin1, loc.country].filter(Boolean).join(", ");
  return el(
    "span",
    {},
    el("span", { text: loc.name || "" }),
    loc.name_ar ? [" · ", el("bdi", { class: "ar", dir: "rtl", lang: "ar", text: loc.name_ar })] : null,
    where ? el("span", { class: "muted", text: ` — ${where}` }) : null,
    loc.precision ? el("span", { class: "muted", text: ` · precision ${loc.precision}` }) : null,
  );
}

function dateLine(d) {
  if (!d) return "—";
  const span = d.start && d.end && d.start !== d.end ? `${d.start} – ${d.end}` : d.start || "unknown";
  return el(
    "span",
    {},
    el("span", { text: span }),
    d.precision ? el("span", { class: "muted", text: ` (${d.precision})` }) : null,
    d.text ? [" ", el("bdi", { class: "ar quote", dir: "rtl", lang: "ar", text: d.text })] : null,
  );
}

function summary(inc) {
  const f = inc.fatalities || {};
  const range = f.low !== undefined && f.high !== undefined && f.low !== f.high ? ` (claims ${f.low}–${f.high})` : "";
  const rows = [
    ["Date", dateLine(inc.date)],
    ["Place", placeLine(inc.location)],
    ["Actor 1", actorLine(inc.actor1)],
    ["Actor 2", actorLine(inc.actor2)],
    ["Fatalities", `${text(f.best)}${range}`],
    ["Reports", `${text(inc.n_reports)} from ${(inc.outlets || []).length} outlet(s)`],
  ];
  if (inc.tags && inc.tags.length) rows.push(["Tags", inc.tags.join(", ")]);
  return el("dl", { class: "summary" }, rows.map(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)]));
}

function claimsTable(inc) {
  const claims = inc.claims || [];
  if (!claims.length) return el("p", { class: "muted", text: "No casualty figure in the reports." });
  return el(
    "table",
    { class: "claims" },
    el(
      "thead",
      {},
      el("tr", {}, ["Count", "Qualifier", "Kind", "Claimant", "Outlet", "Words"].map((h) => el("th", { text: h }))),
    ),
    el(
      "tbody",
      {},
      claims.map((c) =>
        el(
          "tr",
          {},
          el("td", { class: "num", text: text(c.count) }),
          el("td", { text: text(c.qualifier) }),
          el("td", { text: text(c.kind || "killed") }),
          el("td", { dir: "auto", text: text(c.claimant) }),
          el("td", { dir: "auto", text: text(c.outlet) }),
          el("td", { dir: "rtl", lang: "ar", class: "ar", text: text(c.text) }),
        ),
      ),
    ),
  );
}

function outletsList(inc) {
  const outlets = inc.outlets || [];
  if (!outlets.length) return el("p", { class: "muted", text: "No outlet recorded." });
  return el("ul", { class: "outlets" }, outlets.map((o) => el("li", {}, el("bdi", { dir: "auto", text: o }))));
}

/** Report metadata from the incident's members (each member event carries its report). */
function reportMeta(inc) {
  const meta = new Map();
  for (const m of inc.members || []) {
    if (m.report && m.report.id && !meta.has(m.report.id)) meta.set(m.report.id, m.report);
  }
  for (const id of inc.reports || []) if (!meta.has(id)) meta.set(id, { id });
  return [...meta.values()];
}

function reportHeader(meta) {
  const href = safeHref(meta.url);
  return el(
    "header",
    { class: "report-head" },
    el("bdi", { class: "outlet", dir: "auto", text: meta.outlet || "unknown outlet" }),
    meta.published ? el("span", { class: "muted", text: ` · ${meta.published}` }) : null,
    // Readers fall back on the text's first line for a title: not shown twice.
    meta.title && !(meta.text || "").startsWith(meta.title)
      ? el("div", { class: "title ar", dir: "rtl", lang: "ar", text: meta.title })
      : null,
    href ? el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", class: "url", text: meta.url }) : null,
    el("span", { class: "muted report-id", text: ` ${meta.id}` }),
  );
}

/** Fill `box` with report `id`'s text, highlighting the evidence of incident `inc`'s events. */
async function loadReport(box, meta, inc, onOpen) {
  try {
    const rep = await getJSON(reportPath(meta.id));
    const mine = new Set(inc.events || []);
    const ours = (rep.events || []).filter((e) => e.incident_id === inc.id || mine.has(e.id));
    const others = (rep.events || []).filter((e) => !ours.includes(e) && e.incident_id);
    const evidence = ours.flatMap((e) => e.evidence || []);
    clear(box);
    box.appendChild(reportHeader({ ...meta, ...rep }));
    box.appendChild(el("p", { class: "report-text ar", dir: "rtl", lang: "ar" }, highlightedNodes(rep.text || "", evidence)));
    if (!evidence.length) box.appendChild(el("p", { class: "muted", text: "No evidence span was recorded for this incident." }));
    if (others.length) {
      box.appendChild(
        el(
          "p",
          { class: "muted other-incidents" },
          "This report also tells: ",
          [...new Set(others.map((e) => e.incident_id))].map((id) => {
            const e = others.find((o) => o.incident_id === id);
            return el("button", { type: "button", class: "link", text: `${e.sub_event_type || e.event_type} (${id})`, on: { click: () => onOpen(id) } });
          }),
        ),
      );
    }
  } catch (err) {
    clear(box);
    box.appendChild(reportHeader(meta));
    box.appendChild(el("p", { class: "error", text: `Report not loaded: ${err.message}` }));
  }
}

function reportsSection(inc, onOpen) {
  const metas = reportMeta(inc);
  const list = el("div", { class: "reports" });
  let shown = 0;
  const more = el("button", { type: "button", class: "more", on: { click: () => showNext() } });
  function showNext() {
    for (const meta of metas.slice(shown, shown + REPORTS_AT_ONCE)) {
      const box = el("article", { class: "report", dataset: { reportId: meta.id } }, el("p", { class: "muted", text: "Loading report…" }));
      list.appendChild(box);
      loadReport(box, meta, inc, onOpen);
    }
    shown = Math.min(metas.length, shown + REPORTS_AT_ONCE);
    more.hidden = shown >= metas.length;
    more.textContent = `Show ${Math.min(REPORTS_AT_ONCE, metas.length - shown)} more report(s)`;
  }
  showNext();
  return el("section", { class: "reports-section" }, el("h3", { text: `Reports (${metas.length})` }), highlightKey(), list, more);
}

/**
 * The panel in `container` (the #incident-panel element). `ctx`: {config,
 * onClose(), onReviewed(id), onOpen(id)}. Returns {show(id), hide(), current()}.
 */
export function createPanel(container, ctx) {
  let current = null;
  let seq = 0;
  const body = el("div", { class: "panel-body" });
  const closeBtn = el("button", { type: "button", class: "close", title: "Close", "aria-label": "Close", text: "×", on: { click: () => hide() } });
  container.appendChild(el("div", { class: "panel-bar" }, el("span", { class: "panel-label", text: "Incident" }), closeBtn));
  container.appendChild(body);

  async function show(id) {
    const mine = ++seq;
    current = id;
    container.hidden = false;
    container.dataset.incidentId = id;
    container.classList.add("loading");
    clear(body).appendChild(el("p", { class: "muted", text: "Loading incident…" }));
    let inc;
    try {
      inc = await getJSON(incidentPath(id));
    } catch (err) {
      if (mine !== seq) return;
      container.classList.remove("loading");
      clear(body).appendChild(el("p", { class: "error", text: err.status === 404 ? "This incident is no longer in the database." : `Not loaded: ${err.message}` }));
      return;
    }
    if (mine !== seq) return;
    container.classList.remove("loading");
    render(inc);
  }

  function render(inc) {
    clear(body);
    const status = inc.review ? { confirm: "confirmed", correct: "corrected", reject: "rejected" }[inc.review.action] : null;
    body.appendChild(
      el(
        "header",
        { class: "incident-head" },
        el("span", { class: "swatch big", style: { background: colourOf(inc.event_type) } }),
        el("h2", { text: inc.sub_event_type || inc.event_type || "Incident" }),
        el("div", { class: "muted", text: `${inc.event_type || ""} · ${inc.id}` }),
        status ? el("span", { class: `badge review-${status}`, text: `analyst: ${status}` }) : null,
      ),
    );
    body.appendChild(summary(inc));
    if (inc.notes) body.appendChild(el("p", { class: "notes", dir: "auto", text: inc.notes }));
    body.appendChild(el("section", { class: "claims-section" }, el("h3", { text: "Who said how many" }), claimsTable(inc)));
    body.appendChild(el("section", { class: "outlets-section" }, el("h3", { text: "Outlets" }), outletsList(inc)));
    body.appendChild(reportsSection(inc, ctx.onOpen));
    body.appendChild(
      reviewBlock(inc, ctx.config, () => {
        ctx.onReviewed(inc.id);
        show(inc.id);
      }),
    );
  }

  function hide() {
    seq++;
    current = null;
    container.hidden = true;
    delete container.dataset.incidentId;
    clear(body);
    ctx.onClose();
  }

  return { show, hide, current: () => current };
}
