// The action's entry (action.yml's runs.main), kept to what runs before the action is loaded: a
// large fleet restarts with a smaller young generation first (young-generation.ts). The runner
// sets each input as INPUT_<NAME> (what @actions/core's getInput reads); `spec` is resolved
// against the workspace, as src/main.ts resolves it.
import { listOf } from "./action/list-input.ts";
import { workspaceDir } from "./action/runner-env.ts";
import { restartIfLarge } from "./young-generation.ts";

await restartIfLarge(listOf(process.env["INPUT_SPEC"] ?? ""), workspaceDir(process.env));
// The bundle beside this one (dist/main.js): loaded only once no restart replaced the process.
const { run } = await import("./main.js");
await run();
