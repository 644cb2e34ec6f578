/** Local GitHub REST emulator for offline delivery tests. See README.md in this folder. */
export { Emulator, isWrite, startGitHubEmulator, tokenFingerprint } from "./server.ts";
export type {
  CallRecord,
  ContractViolation,
  CreateRepoOptions,
  DownloadRecord,
  EmulatorOptions,
  PullSnapshot,
  TokenIdentity,
} from "./server.ts";
export type { Faults } from "./faults.ts";
export type { OperationId } from "./operations.ts";
