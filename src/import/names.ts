// The spec's names for what the topology names: a DNS-1123 label where the spec needs one, and
// the original kept as `knownAs` when it was not one (`namespace/name`, a dotted group name).

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX = 63;

export function isDnsLabel(name: string): boolean {
  return name.length <= MAX && DNS_LABEL.test(name);
}

/** A DNS label for `name`: the part after a namespace, with every other character a dash. */
export function labelFor(name: string): string {
  const last = name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : name;
  const label = last
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX)
    .replace(/-+$/, "");
  return label === "" ? "imported" : label;
}

/** Hands out labels unique among those already given. */
export class LabelPool {
  private readonly taken = new Set<string>();
  take(name: string): string {
    const base = isDnsLabel(name) ? name : labelFor(name);
    let label = base;
    for (let n = 2; this.taken.has(label); n++) label = `${base.slice(0, MAX - String(n).length - 1)}-${n}`;
    this.taken.add(label);
    return label;
  }
}
