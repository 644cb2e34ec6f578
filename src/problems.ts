// Errors are values with a source position until a door (CLI, action) prints them.
import { compareText } from "./compare-text.ts";
import { oneLine } from "./one-line.ts";

/** An error refuses the spec; a warning is a risk to read; info is what the cluster must do besides syncing (a note). */
export type Severity = "error" | "warning" | "info";

/** Most severe first: the order in which a reviewer reads findings and the files they are about. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export interface Position {
  line: number;
  col: number;
}

export interface Problem extends Position {
  file: string;
  severity: Severity;
  message: string;
}

export function problem(file: string, at: Position, message: string, severity: Severity = "error"): Problem {
  return { file, line: at.line, col: at.col, severity, message };
}

/** One line per problem, whatever the file name or message holds: tools split on lines and on `file:line:col`. */
export function formatProblem(p: Problem): string {
  const tag = p.severity === "error" ? "" : `${p.severity}: `;
  return `${oneLine(p.file)}:${p.line}:${p.col}: ${tag}${oneLine(p.message)}`;
}

function compareProblems(a: Problem, b: Problem): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.col - b.col ||
    compareText(a.severity, b.severity) ||
    compareText(a.message, b.message)
  );
}

/** Sorted, with exact repeats removed (two checks may reach the same conclusion). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const sorted = [...problems].sort(compareProblems);
  return sorted.filter((p, i) => i === 0 || compareProblems(p, sorted[i - 1] as Problem) !== 0);
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

export function errorCount(problems: readonly Problem[]): number {
  return problems.filter((p) => p.severity === "error").length;
}
