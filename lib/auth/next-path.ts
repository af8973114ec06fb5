/** Where the dashboard sends a browser that needs to sign in. */
export const SIGN_IN_PATH = "/sign-in";

const DUMMY_ORIGIN = "http://origin.invalid";
const MAX_NEXT_LENGTH = 2048;

/**
 * The `next` target sign-in may send the browser to: a path on this origin, else "/". The raw
 * value is returned (not a normalised one): `/..//evil.com` is harmless as typed but its
 * normalised path `//evil.com` would leave the site.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > MAX_NEXT_LENGTH || !raw.startsWith("/")) return "/";
  // Protocol-relative (`//host`, and `/\host`, which browsers read as `//host`); control
  // characters, which URL parsing strips (`/\t/host` becomes `//host`).
  if (raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f\u007f]/.test(raw)) return "/";
  let url: URL;
  try {
    url = new URL(raw, DUMMY_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== DUMMY_ORIGIN) return "/";
  // Back to sign-in after signing in would be a loop.
  if (url.pathname === SIGN_IN_PATH || url.pathname.startsWith(`${SIGN_IN_PATH}/`)) return "/";
  return raw;
}

/** `/sign-in?next=<path>`, the target sanitised first. */
export function signInHref(next: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(safeNextPath(next))}`;
}

/** A page's path with its query string, to come back to after signing in. */
export function pathWithQuery(path: string, params: Record<string, string | string[] | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, item);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
