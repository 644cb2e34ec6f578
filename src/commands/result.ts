/** What a command hands back to the door that runs it: the door alone prints and exits. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr?: string;
}
