/** Shell lines a user pastes: values are quoted only when the shell would otherwise mangle them. */

/** The placeholder users replace with the key `npm run apikey -- create` printed. */
export const API_KEY_PLACEHOLDER = "<your-api-key>";

// Characters a POSIX shell reads literally in an unquoted word; anything else (<, [, spaces…) is quoted.
const UNQUOTED_SAFE = /^[\w@%+=:,./-]+$/;

export function shellValue(value: string): string {
  return UNQUOTED_SAFE.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `export NAME=value`, with a trailing `# comment` when given. */
export function exportLine(name: string, value: string, comment?: string): string {
  const line = `export ${name}=${shellValue(value)}`;
  return comment ? `${line}  # ${comment}` : line;
}

/** A string literal that Python and TypeScript both read back as `value`. */
export function codeString(value: string): string {
  return JSON.stringify(value);
}
