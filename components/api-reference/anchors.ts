// Element ids of the page's anchors. OpenAPI names are usually id-safe already; anything that
// is not becomes "-", so the fragment never needs escaping.
const unsafe = /[^A-Za-z0-9_.-]/g;

export const operationAnchor = (operationId: string) => `op-${operationId.replace(unsafe, "-")}`;
export const schemaAnchor = (name: string) => `schema-${name.replace(unsafe, "-")}`;
export const tagAnchor = (tag: string) => `tag-${tag.replace(unsafe, "-")}`;

const SCHEMA_REF = "#/components/schemas/";

/** `#/components/schemas/RunPage` → `RunPage` (JSON Pointer escapes undone); other refs → undefined. */
export function schemaRefName(ref: string): string | undefined {
  if (!ref.startsWith(SCHEMA_REF)) return undefined;
  const name = ref.slice(SCHEMA_REF.length);
  return name.includes("/") ? undefined : unescapePointer(name);
}

export function unescapePointer(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // A lone "%" is a name, not an escape.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
}
