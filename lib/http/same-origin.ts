/** A state-changing request another site's page made the browser send: 403. */
export class CrossSiteRequestError extends Error {
  override name = "CrossSiteRequestError";
}

/** Methods that only read; everything else changes state and must come from the dashboard's own pages. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a write a browser sent on another site's behalf (CSRF, login CSRF). Browsers mark
 * every request with `Sec-Fetch-Site`, which pages cannot forge: only `same-origin` (or `none`, a
 * request the user made directly) passes; `same-site` does not, since another port on the same
 * host is another application. Older browsers send `Origin` on writes: it must name this host.
 * A request with neither is not from a browser (curl, SDKs), and a page cannot make one.
 */
export function checkSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site) {
    if (site === "same-origin" || site === "none") return;
    throw new CrossSiteRequestError(`Cross-site request refused: ${request.method} is accepted only from this dashboard's own pages (Sec-Fetch-Site: ${site.slice(0, 20)})`);
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  if (origin !== "null" && hostOfOrigin(origin) === requestHost(request)) return;
  throw new CrossSiteRequestError(`Cross-site request refused: ${request.method} is accepted only from this dashboard's own pages`);
}

/**
 * Whether another site's page started this navigation (`Sec-Fetch-Site`; unknown without it). For
 * the few GET links that change state, such as accepting an invitation with single sign-on,
 * where the write check above does not apply.
 */
export function isCrossSiteNavigation(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  return site !== undefined && site !== "same-origin" && site !== "none";
}

function hostOfOrigin(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The host the browser addressed (the Host header the edge checked), else the URL's. */
function requestHost(request: Request): string {
  return (request.headers.get("host") ?? new URL(request.url).host).trim().toLowerCase();
}

/** A JSON body sent with another media type: 415. */
export class UnsupportedMediaTypeError extends Error {
  override name = "UnsupportedMediaTypeError";
}

/**
 * JSON endpoints read only `application/json` bodies: a cross-site form or a `no-cors` fetch can
 * send `text/plain` with a JSON-looking body without asking the server first, never
 * `application/json`.
 */
export function checkJsonContentType(request: Request): void {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return;
  const got = type ? `"${type.replace(/[^\x20-\x7e]/g, "").slice(0, 80)}"` : "none";
  throw new UnsupportedMediaTypeError(`Send the body as JSON with Content-Type: application/json (got ${got})`);
}
