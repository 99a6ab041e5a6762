// Analyst review of one incident: confirm, correct or reject. Corrections are
// stored by the API beside the machine's output; here both are shown side by side.
import { ApiError, incidentPath, postJSON } from "./api.js";
import { el } from "./dom.js";
import { TYPES, TYPOLOGY } from "./types.js";

const TOKEN_KEY = "marsad.token";
const ANALYST_KEY = "marsad.analyst";

const ACTION_LABEL = { confirm: "confirmed", correct: "corrected", reject: "rejected" };

const name = (actor) => (actor && (actor.name || actor.name_ar)) || "";

/** The machine's value of each correctable field, as the strings the form edits. */
export function machineValues(inc) {
  const loc = inc.location || {};
  const d = inc.date || {};
  return {
    event_type: inc.event_type || "",
    sub_event_type: inc.sub_event_type || "",
    actor1: name(inc.actor1),
    actor2: name(inc.actor2),
    location: loc.name || loc.name_ar || "",
    date: d.start || "",
    fatalities: inc.fatalities && inc.fatalities.best !== null && inc.fatalities.best !== undefined ? String(inc.fatalities.best) : "",
  };
}

const ROWS = [
  ["event_type", "Type"],
  ["sub_event_type", "Sub-type"],
  ["actor1", "Actor 1"],
  ["actor2", "Actor 2"],
  ["location", "Place"],
  ["date", "Date"],
  ["fatalities", "Fatalities"],
];

/** Only the fields the analyst changed (fatalities as an integer). */
export function changedFields(machine, form) {
  const out = {};
  for (const [k] of ROWS) {
    const v = (form[k] ?? "").toString().trim();
    if (v === "" || v === (machine[k] ?? "")) continue;
    out[k] = k === "fatalities" ? Number.parseInt(v, 10) : v;
  }
  return out;
}

function display(v) {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "object") return v.name || v.name_ar || JSON.stringify(v);
  return String(v);
}

/** The table of the machine's values beside the latest review's. */
function sideBySide(machine, review) {
  const head = el("tr", {}, el("th", { text: "Field" }), el("th", { text: "Machine" }), el("th", { text: "Analyst" }));
  const body = ROWS.map(([k, label]) => {
    let analyst = "";
    let changed = false;
    if (review) {
      if (review.action === "reject") analyst = "rejected";
      else if (review.action === "confirm") analyst = "✓";
      else if (review.corrections && k in review.corrections) {
        analyst = display(review.corrections[k]);
        changed = analyst !== machine[k];
      } else analyst = "=";
    }
    return el(
      "tr",
      { class: changed ? "corrected" : null },
      el("th", { scope: "row", text: label }),
      el("td", { dir: "auto", text: display(machine[k]) }),
      el("td", { dir: "auto", text: review ? analyst : "" }),
    );
  });
  return el("table", { class: "side-by-side" }, el("thead", {}, head), el("tbody", {}, body));
}

function history(reviews) {
  if (!reviews || !reviews.length) return el("p", { class: "muted", text: "Not reviewed yet." });
  return el(
    "ol",
    { class: "review-history" },
    reviews.map((r) =>
      el(
        "li",
        {},
        el("span", { class: `badge review-${ACTION_LABEL[r.action] || "other"}`, text: ACTION_LABEL[r.action] || r.action }),
        " ",
        el("span", { dir: "auto", text: r.analyst || "anonymous" }),
        r.at ? el("span", { class: "muted", text: ` · ${r.at}` }) : null,
        r.corrections && Object.keys(r.corrections).length
          ? el("div", { class: "muted", dir: "auto", text: Object.entries(r.corrections).map(([k, v]) => `${k}: ${display(v)}`).join("; ") })
          : null,
        r.note ? el("div", { class: "note", dir: "auto", text: r.note }) : null,
      ),
    ),
  );
}

function options(select, values, current) {
  select.replaceChildren(...values.map((v) => el("option", { value: v, text: v })));
  if (current && !values.includes(current)) select.appendChild(el("option", { value: current, text: current }));
  select.value = current || values[0] || "";
}

/**
 * The review block of incident `inc`. `config` is /api/config; `onSaved(review)`
 * runs after a review was stored.
 */
export function reviewBlock(inc, config, onSaved) {
  const machine = machineValues(inc);
  const latest = inc.review || (inc.reviews && inc.reviews[0]) || null;
  const enabled = Boolean(config && config.review_enabled);
  const status = el("p", { class: "review-status", role: "status" });

  const token = el("input", {
    type: "password",
    name: "token",
    autocomplete: "off",
    placeholder: "review token",
    value: sessionStorage.getItem(TOKEN_KEY) || "",
    on: { change: (e) => sessionStorage.setItem(TOKEN_KEY, e.target.value) },
  });
  const analyst = el("input", {
    type: "text",
    name: "analyst",
    placeholder: "your name",
    value: sessionStorage.getItem(ANALYST_KEY) || "",
    on: { change: (e) => sessionStorage.setItem(ANALYST_KEY, e.target.value) },
  });
  const note = el("textarea", { name: "note", rows: 2, placeholder: "note (optional)", dir: "auto" });

  // The correction form, prefilled with the machine's values.
  const type = el("select", { name: "event_type" });
  const sub = el("select", { name: "sub_event_type" });
  options(type, TYPES, machine.event_type);
  options(sub, TYPOLOGY[machine.event_type] || [], machine.sub_event_type);
  type.addEventListener("change", () => options(sub, TYPOLOGY[type.value] || [], ""));
  const inputs = {
    event_type: type,
    sub_event_type: sub,
    actor1: el("input", { type: "text", name: "actor1", dir: "auto", value: machine.actor1 }),
    actor2: el("input", { type: "text", name: "actor2", dir: "auto", value: machine.actor2 }),
    location: el("input", { type: "text", name: "location", dir: "auto", value: machine.location }),
    date: el("input", { type: "date", name: "date", value: machine.date }),
    fatalities: el("input", { type: "number", name: "fatalities", min: 0, step: 1, value: machine.fatalities }),
  };
  const correctForm = el(
    "div",
    { class: "correct-form", hidden: true },
    ROWS.map(([k, label]) => el("label", {}, el("span", { text: label }), inputs[k])),
    el("button", { type: "button", class: "primary", text: "Save correction", on: { click: () => send("correct") } }),
  );

  async function send(action) {
    const body = { action };
    if (analyst.value.trim()) body.analyst = analyst.value.trim();
    if (note.value.trim()) body.note = note.value.trim();
    if (action === "correct") {
      const form = Object.fromEntries(Object.entries(inputs).map(([k, input]) => [k, input.value]));
      body.corrections = changedFields(machine, form);
      if (!Object.keys(body.corrections).length) {
        status.textContent = "Change at least one field to save a correction.";
        return;
      }
    }
    sessionStorage.setItem(TOKEN_KEY, token.value);
    sessionStorage.setItem(ANALYST_KEY, analyst.value);
    status.textContent = "Saving…";
    try {
      const saved = await postJSON(`${incidentPath(inc.id)}/review`, body, token.value.trim());
      status.textContent = `Saved: ${ACTION_LABEL[saved.action] || saved.action}.`;
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) status.textContent = "The token is missing or wrong.";
      else status.textContent = `Not saved: ${err.message}`;
    }
  }

  const fields = el(
    "form",
    { class: "review-form", autocomplete: "off", on: { submit: (e) => e.preventDefault() } },
    el(
      "fieldset",
      { class: "review-controls", disabled: !enabled },
      el("legend", { text: "Review" }),
      enabled ? null : el("p", { class: "hint", text: "Review is off: start `marsad serve` with --token (or MARSAD_TOKEN) to allow it." }),
      el("div", { class: "row" }, el("label", {}, el("span", { text: "Token" }), token), el("label", {}, el("span", { text: "Analyst" }), analyst)),
      note,
      el(
        "div",
        { class: "buttons" },
        el("button", { type: "button", class: "confirm", text: "Confirm", on: { click: () => send("confirm") } }),
        el("button", {
          type: "button",
          class: "correct",
          text: "Correct…",
          on: { click: () => (correctForm.hidden = !correctForm.hidden) },
        }),
        el("button", { type: "button", class: "reject", text: "Reject", on: { click: () => send("reject") } }),
      ),
      correctForm,
      status,
    ),
  );

  return el(
    "section",
    { class: ["review", enabled ? "" : "disabled"], id: "review" },
    el("h3", { text: "Machine and analyst" }),
    latest
      ? el("p", {}, "Latest review: ", el("span", { class: `badge review-${ACTION_LABEL[latest.action] || "other"}`, text: ACTION_LABEL[latest.action] || latest.action }))
      : null,
    sideBySide(machine, latest),
    el("details", {}, el("summary", { text: `Review history (${(inc.reviews || []).length})` }), history(inc.reviews)),
    fields,
  );
}
