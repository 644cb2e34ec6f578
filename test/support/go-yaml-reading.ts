// YAML read the way Go reads it: the structure from the `yaml` package, every plain scalar
// resolved as go-yaml resolves it. Argo CD, Helm and kubectl read manifests and values with
// go-yaml (sigs.k8s.io/yaml wraps v2), so a string that Go would turn into a number is an attack.
//
// The resolver follows go-yaml/yaml resolve.go (v3, commit 0d383ff): a scalar is looked up in a
// table of literals; otherwise its first character decides: `.` → strconv.ParseFloat; a digit or
// sign → a YYYY- timestamp, then (with every `_` removed) strconv.ParseInt and ParseUint with
// base 0, yamlStyleFloat, and the 0b/0o prefixes. v2 (resolve.go in go-yaml/yaml@v2) adds the
// YAML 1.1 booleans y/yes/on/n/no/off in their three spellings. Where this model is unsure it
// errs towards "not a string", which only ever makes the emitter quote more.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from "yaml";

const LITERALS = new Map<string, unknown>([
  ...["true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON"].map((s): [string, unknown] => [s, true]),
  ...["false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF"].map((s): [string, unknown] => [s, false]),
  ...["", "~", "null", "Null", "NULL"].map((s): [string, unknown] => [s, null]),
  ...[".nan", ".NaN", ".NAN"].map((s): [string, unknown] => [s, Number.NaN]),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s): [string, unknown] => [s, Infinity]),
  ...["-.inf", "-.Inf", "-.INF"].map((s): [string, unknown] => [s, -Infinity]),
  ["<<", { merge: true }],
]);

/** Go's integer literal syntax as strconv.ParseInt(s, 0, 64) takes it (base prefixes in either case). */
function goInteger(s: string): number | undefined {
  const match = /^([-+]?)(?:0([xX])([0-9a-fA-F]+)|0([oO])([0-7]+)|0([bB])([01]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (match === null) return undefined;
  const sign = match[1] === "-" ? -1 : 1;
  const [radix, digits] = match[2]
    ? [16, match[3]]
    : match[4]
      ? [8, match[5]]
      : match[6]
        ? [2, match[7]]
        : match[8]
          ? [8, match[8]]
          : [10, match[9]];
  return sign * parseInt(digits ?? "0", radix);
}

/** strconv.ParseFloat for the decimal forms that can start with a digit, sign or dot. */
function goFloat(s: string): number | undefined {
  return /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(s) ? Number(s) : undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** What go-yaml makes of a plain scalar: a string, or the number, bool, null or timestamp it reads. */
export function goResolve(text: string): unknown {
  if (LITERALS.has(text)) return LITERALS.get(text);
  const first = text[0] ?? "";
  if (first === ".") return goFloat(text) ?? text;
  if (!/[-+0-9]/.test(first)) return text;
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])/.test(text)) return { timestamp: text };
  const plain = text.replace(/_/g, "");
  const integer = goInteger(plain);
  if (integer !== undefined) return integer;
  if (YAML_STYLE_FLOAT.test(plain)) return goFloat(plain) ?? text;
  // strconv.ParseInt(plain[2:], 2 or 8, 64) takes only digits of that base: 0b1010777 stays a string.
  const prefixed = /^(-?)0(?:b([01]+)|o([0-7]+))$/.exec(plain);
  if (prefixed !== null) {
    const value = prefixed[2] !== undefined ? parseInt(prefixed[2], 2) : parseInt(prefixed[3] ?? "", 8);
    return (prefixed[1] === "-" ? -1 : 1) * value;
  }
  return text;
}

/** A key Go would not read as the string it is written as. */
export class NonStringKey {
  constructor(readonly read: unknown) {}
}

function toGo(node: unknown): unknown {
  if (node === null) return null;
  if (isScalar(node)) return node.type === "PLAIN" ? goResolve(String(node.value)) : node.value;
  if (isSeq(node)) return node.items.map(toGo);
  if (isMap(node)) {
    const entries = node.items.map((pair): [string, unknown] => {
      const key = toGo(pair.key);
      return [typeof key === "string" ? key : JSON.stringify(new NonStringKey(key)), toGo(pair.value)];
    });
    return Object.fromEntries(entries);
  }
  throw new Error(`unexpected node ${String((node as Node | undefined)?.constructor.name)}`);
}

/** Every document of the text as Go would read its values (structure per the `yaml` package). */
export function goRead(text: string): unknown[] {
  return parseAllDocuments(text, { schema: "failsafe" }).map((doc) => {
    const [error] = doc.errors;
    if (error !== undefined) throw error;
    return toGo(doc.contents);
  });
}
