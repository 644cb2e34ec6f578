/** What a command hands back to the door that runs it: the door alone prints and exits. */
export interface CommandResult<Out extends string | Chunks = string> {
  readonly exitCode: number;
  readonly stdout: Out;
  readonly stderr?: string;
}

/** Output too large to hold at once (the plan JSON of a fleet): made piece by piece as the door writes it. */
export interface Chunks {
  readonly chunks: Iterable<string>;
}

/** What the command line's door takes: any command's result, whole or in pieces. */
export type DoorResult = CommandResult<string | Chunks>;
