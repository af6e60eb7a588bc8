/**
 * Fix commands are PowerShell to paste. Every name that goes into one is quoted for PowerShell: a single-
 * quoted string is taken literally (no `$`, backtick or subexpression expansion) and a `'` inside is
 * doubled. Names Windows forbids are refused before they reach a command.
 */

/** `hpc$readers` → `'hpc$readers'`; `O'Brien` → `'O''Brien'`. */
export function psQuote(value: string): string {
  // PowerShell also treats the typographic quotes ‘ ’ ‚ ‛ as single quotes; double them too.
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** A name as a command argument: bare when it is plain (containerd, kubelet), single-quoted otherwise. */
export function shellName(value: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(value) ? value : psQuote(value);
}

/**
 * Characters Windows forbids in a local group or user name (NetLocalGroupAdd, NetUserAdd; "User Account
 * and Group names" in the Windows docs): " / \ [ ] : ; | = , + * ? < > and @ for users, plus control
 * characters. A name may not be made of dots and spaces only.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const FORBIDDEN = /["/\\[\]:;|=,+*?<>\u0000-\u001f]/;

export const MAX_GROUP_NAME = 256;

/** Why Windows would refuse `name` as a local group name, or undefined when it would take it. */
export function invalidGroupName(name: string): string | undefined {
  const bad = FORBIDDEN.exec(name);
  if (bad) {
    const shown = bad[0] < ' ' ? `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}` : bad[0];
    return `it contains ${JSON.stringify(shown)}, which Windows does not allow in a group name`;
  }
  if (/^[.\s]*$/.test(name)) return 'it is made of dots and spaces only';
  if (name.length > MAX_GROUP_NAME) return `it is longer than ${MAX_GROUP_NAME} characters`;
  return undefined;
}
