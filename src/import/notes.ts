// What import tells the reader of the spec it writes: the choices it made, and every object or
// field it read but could not express (kept as an explicit leftover, the way ingress2gateway
// keeps unconsumed intents, never dropped silently).

export interface Note {
  /** A choice the spec should be checked for, or something the spec does not carry. */
  readonly kind: "chose" | "unexpressed";
  /** The file the object comes from, relative to what was read. */
  readonly file: string;
  /** The object, as `Kind namespace/name`. */
  readonly object: string;
  readonly message: string;
}

/** Collects notes while import reads; one list, in the order they are made. */
export class Notes {
  readonly all: Note[] = [];
  chose(file: string, object: string, message: string): void {
    this.add({ kind: "chose", file, object, message });
  }
  unexpressed(file: string, object: string, message: string): void {
    this.add({ kind: "unexpressed", file, object, message });
  }
  /** The same thing is said once, however many ports or listeners lead to it. */
  private add(note: Note): void {
    if (!this.all.some((n) => noteLine(n) === noteLine(note) && n.kind === note.kind)) this.all.push(note);
  }
}

/** `file: object: message`; a note about the spec itself (its cluster, its folder) has no file. */
export function noteLine(note: Note): string {
  return `${note.file === "" ? "" : `${note.file}: `}${note.object}: ${note.message}`;
}
