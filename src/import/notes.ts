// What import tells the reader of the spec it writes: the choices it made, and every object or
// field it read but could not express (kept as an explicit leftover, the way ingress2gateway
// keeps unconsumed intents, never dropped silently). A note about an object points at it,
// file:line:col, as the topology reader's findings do.
import type { About } from "../topology/documents.ts";
import { positioner } from "../topology/positions.ts";
import type { ManifestFile } from "../topology/types.ts";

/** Where a note is from: an object, or a file or spec field alone when no object says it. */
export type Where = string | About;

export interface Note {
  /** A choice the spec should be checked for, or something the spec does not carry. */
  readonly kind: "chose" | "unexpressed";
  /** The file the object comes from, relative to what was read; with its line and column once placed. */
  readonly file: string;
  /** The object, as `Kind namespace/name`. */
  readonly object: string;
  readonly message: string;
  readonly about?: About;
}

/** Collects notes while import reads; one list, in the order they are made. */
export class Notes {
  readonly all: Note[] = [];
  chose(where: Where, object: string, message: string): void {
    this.add("chose", where, object, message);
  }
  unexpressed(where: Where, object: string, message: string): void {
    this.add("unexpressed", where, object, message);
  }
  /** The same thing is said once, however many ports or listeners lead to it. */
  private add(kind: Note["kind"], where: Where, object: string, message: string): void {
    const note: Note =
      typeof where === "string" ? { kind, file: where, object, message } : { kind, file: where.doc.file, object, message, about: where };
    if (!this.all.some((n) => noteLine(n) === noteLine(note) && n.kind === note.kind)) this.all.push(note);
  }
}

/** Each note about an object with the object's (or field's) line and column after its file, where the file shows them. */
export function placeNotes(notes: readonly Note[], files: readonly ManifestFile[]): Note[] {
  const at = positioner(files);
  return notes.map(({ about, ...note }) => {
    const position = about === undefined ? undefined : at(about);
    return position === undefined ? note : { ...note, file: `${note.file}:${position.line}:${position.col}` };
  });
}

/** `file: object: message`; a note about the spec itself (its cluster, its folder) has no file. */
export function noteLine(note: Note): string {
  return `${note.file === "" ? "" : `${note.file}: `}${note.object}: ${note.message}`;
}
