/** Writes `text` to `file` unless it already holds exactly that; returns whether it wrote. */
export declare function writeIfChanged(file: string, text: string): boolean;
