// The machine-owned part of a PR body, between markers that no spec value can forge: each
// marker carries the SHA-256 of the text between them, so a look-alike marker inside that text
// (a host, a description, a line of a diff) cannot close the section early, as the section's
// digest would have to contain itself. What a person writes around the section is kept. Its first
// line is the digest of what the run would write, so an unchanged report is seen without rendering.
// Every reader and writer of the section goes through here.
import { createHash } from "node:crypto";

const START = /<!-- ingress-gitops:start sha256=([0-9a-f]{64}) -->\n/g;
const endMarker = (digest: string) => `\n<!-- ingress-gitops:end sha256=${digest} -->`;

/** Markers written before sections carried a digest; a PR opened then is still updated in place. */
const LEGACY_START = "<!-- ingress-gitops:start -->";
const LEGACY_END = "<!-- ingress-gitops:end -->";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const REPORT_DIGEST = /^<!-- ingress-gitops:digest=([0-9a-f]{64}) -->$/m;

/** The section's first line: the digest of what the run would write (`PlanReport.digest`). */
export function reportDigestLine(digest: string): string {
  return `<!-- ingress-gitops:digest=${digest} -->`;
}

/** The report digest in the machine section of a PR body: equal to the report's, nothing to update. */
export function reportDigest(body: string): string | undefined {
  const section = findMachineSection(body);
  return section === undefined ? undefined : REPORT_DIGEST.exec(section.content)?.[1];
}

/** `content` between its two markers. */
export function machineSection(content: string): string {
  const digest = sha256(content);
  return `<!-- ingress-gitops:start sha256=${digest} -->\n${content}${endMarker(digest)}`;
}

/** Where the machine section of `body` is: the first start marker whose end marker and digest match. */
export function findMachineSection(body: string): { readonly start: number; readonly end: number; readonly content: string } | undefined {
  for (const match of body.matchAll(START)) {
    const digest = match[1] ?? "";
    const from = match.index + match[0].length;
    const marker = endMarker(digest);
    for (let to = body.indexOf(marker, from); to !== -1; to = body.indexOf(marker, to + 1)) {
      const content = body.slice(from, to);
      if (sha256(content) === digest) return { start: match.index, end: to + marker.length, content };
    }
  }
  // A legacy section's end is its last end marker: a look-alike one can only come from inside it.
  const start = body.indexOf(LEGACY_START);
  const end = body.lastIndexOf(LEGACY_END);
  if (start === -1 || end < start) return undefined;
  return { start, end: end + LEGACY_END.length, content: body.slice(start + LEGACY_START.length, end) };
}

/** Replaces the machine section of a PR body, keeping whatever a person wrote around it. */
export function spliceBody(existing: string, machine: string): string {
  const found = findMachineSection(existing);
  if (found === undefined) return existing.trim() === "" ? machine : `${machine}\n\n${existing}`;
  return `${existing.slice(0, found.start)}${machine}${existing.slice(found.end)}`;
}

/** `body` with `text` at the end of its machine section, inside the markers (so the section's digest covers it and the next update replaces it); after the body when it has none. */
export function appendToSection(body: string, text: string): string {
  const found = findMachineSection(body);
  if (found === undefined) return `${body}\n\n${text}`;
  return `${body.slice(0, found.start)}${machineSection(`${found.content}\n${text}`)}${body.slice(found.end)}`;
}

/** How many characters of `existing` a splice keeps around the machine section. */
export function humanLength(existing: string): number {
  const found = findMachineSection(existing);
  if (found === undefined) return existing.trim() === "" ? 0 : existing.length + 2;
  return existing.length - (found.end - found.start);
}
