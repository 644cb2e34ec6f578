// Bundled in place of @actions/core's `oidc-utils.js` (scripts/bundle.mjs). Its only job is
// `core.getIDToken()`, which ingress-gitops never calls, and it imports @actions/http-client, which
// brings a whole second undici (about 0.8 MB, a quarter of the action's bundle) that every run
// parses and evaluates before doing anything; Octokit uses node's own fetch.

/** What @actions/core's `getIDToken` delegates to: unused by ingress-gitops, so left out of the bundle. */
export const OidcClient = {
  getIDToken: (): Promise<string> =>
    Promise.reject(new Error("ingress-gitops is bundled without @actions/core's OIDC client (src/action/oidc-unused.ts)")),
};
