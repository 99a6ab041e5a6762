// DOM building without innerHTML: everything that comes from the API (report
// text, actor names, outlets, notes) is untrusted and only ever becomes text nodes.

/**
 * Create an element. `attrs` keys: `class`, `text` (textContent), `dataset`
 * (object), `on` (object of event listeners), `style` (object), booleans
 * (set when true), anything else through setAttribute. Children may be nodes,
 * strings (become text nodes), arrays, or null/undefined/false (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = Array.isArray(v) ? v.filter(Boolean).join(" ") : v;
    else if (k === "text") node.textContent = String(v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === "style") Object.assign(node.style, v);
    else if (k === "value") node.value = v;
    else if (v === true) node.setAttribute(k, "");
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

/** Append children (nodes, strings as text, nested arrays) to `node`. */
export function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Remove every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Create an SVG element with attributes (numbers and strings only). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.setAttribute("class", v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

/** Only http(s) links become hrefs: a report URL of `javascript:` must not run. */
export function safeHref(url) {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
