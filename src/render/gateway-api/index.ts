// Gateway API CRDs, from the upstream repository at the chosen release, before any controller.
import { APP_WAVES, nothing, type Provider } from "../provider.ts";

export const GATEWAY_API_REPOSITORY = "https://github.com/kubernetes-sigs/gateway-api";

export const gatewayApiProvider: Provider = {
  name: "gateway-api",
  render({ model }) {
    const gatewayApi = model.controllers.gatewayApi;
    if (gatewayApi === undefined) return nothing();
    return {
      manifests: [],
      apps: [
        {
          name: "gateway-api-crds",
          namespace: "default",
          wave: APP_WAVES.crds,
          source: {
            kind: "git",
            directory: {
              repoURL: GATEWAY_API_REPOSITORY,
              targetRevision: gatewayApi.release,
              path: gatewayApi.channel === "experimental" ? "config/crd/experimental" : "config/crd",
            },
          },
          // The HTTPRoute CRD is too large for client-side apply's last-applied annotation.
          serverSideApply: true,
          // Deleting or pruning CRDs would delete every Gateway and route in the cluster.
          clusterWide: ["crds"],
          usesOtherCrds: false,
          ignoreDifferences: [],
          origin: "controller:gatewayAPI",
        },
      ],
    };
  },
};
