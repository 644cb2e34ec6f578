// Reads a repository tarball (gzip'd ustar/pax, as GitHub and `git archive` write them) into
// path → text, for the few files whose base content a plan needs: one request instead of one
// per file.
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

function text(bytes: Buffer, start: number, length: number): string {
  const slice = bytes.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString("utf8");
}

function octal(bytes: Buffer, start: number, length: number): number {
  const value = text(bytes, start, length).trim();
  return value === "" ? 0 : parseInt(value, 8);
}

/** `key=value` records of a pax header: "<length> <key>=<value>\n". */
function paxRecords(body: string): Map<string, string> {
  const records = new Map<string, string>();
  let rest = body;
  while (rest.length > 0) {
    const space = rest.indexOf(" ");
    const length = Number(rest.slice(0, space));
    if (!Number.isFinite(length) || length <= 0) break;
    const record = Buffer.from(rest).subarray(0, length).toString("utf8");
    const [key, ...value] = record.slice(record.indexOf(" ") + 1, -1).split("=");
    if (key !== undefined) records.set(key, value.join("="));
    rest = Buffer.from(rest).subarray(length).toString("utf8");
  }
  return records;
}

/** Regular files of the archive, keyed by their path below the archive's top-level folder. */
export function readTarball(gzipped: Uint8Array, wanted?: (path: string) => boolean): Map<string, string> {
  const bytes = gunzipSync(gzipped);
  const files = new Map<string, string>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix === "" ? text(header, 0, 100) : `${prefix}/${text(header, 0, 100)}`);
    const body = bytes.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      longName = paxRecords(body.toString("utf8")).get("path");
      continue;
    }
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0+$/, "");
      continue;
    }
    longName = undefined;
    if (type !== "0" && type !== "\0") continue;
    const path = name.split("/").slice(1).join("/");
    if (path !== "" && (wanted === undefined || wanted(path))) files.set(path, body.toString("utf8"));
  }
  return files;
}
