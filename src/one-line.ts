// Text that must stay on one line for whoever reads it (a terminal, an editor's problem matcher,
// the Actions runner): every line break, and every other control character, shown as an escape.

// C0 and C1 controls (tab aside), DEL, and U+2028/U+2029, which .NET and YAML 1.1 treat as breaks.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const BREAKING = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r" };

export function oneLine(text: string): string {
  return text.replace(BREAKING, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
