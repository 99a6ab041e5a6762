// The dashboard talks only to the marsad HTTP API (see the API contract).
// Paths are relative so the app also works mounted under a prefix.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function failure(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch {
    /* not JSON: keep the status text */
  }
  const e = body && body.error;
  return new ApiError(resp.status, (e && e.code) || "http", (e && e.message) || resp.statusText || `HTTP ${resp.status}`);
}

/** URL query string of the non-empty entries of `params`. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** GET a JSON resource; throws ApiError on 4xx/5xx. */
export async function getJSON(path, params) {
  const resp = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  if (!resp.ok) throw await failure(resp);
  return resp.json();
}

/** POST JSON with an optional bearer token; throws ApiError on 4xx/5xx. */
export async function postJSON(path, body, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const resp = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!resp.ok) throw await failure(resp);
  return resp.json();
}

/** The path of one incident or report (ids are URL-encoded). */
export const incidentPath = (id) => `api/incidents/${encodeURIComponent(id)}`;
export const reportPath = (id) => `api/reports/${encodeURIComponent(id)}`;
