// Each controller's reader reads its own kinds only, so a provider is added or changed without
// touching the others (as kubernetes-sigs/ingress2gateway's providers are).
import assert from "node:assert/strict";
import { test } from "node:test";
import { albcReader } from "../../src/topology/albc.ts";
import { ciliumReader } from "../../src/topology/cilium.ts";
import { readDocuments } from "../../src/topology/documents.ts";
import { gatewayApiReader } from "../../src/topology/gateway-api.ts";
import { istioReader } from "../../src/topology/istio.ts";
import { kongReader } from "../../src/topology/kong.ts";

const FOLDERS = {
  albc: `apiVersion: v1
kind: Service
metadata: {name: broker, namespace: mqtt}
spec: {type: LoadBalancer, ports: [{port: 1883}]}
`,
  cilium: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: kube-system}
spec: {gatewayClassName: cilium, listeners: [{name: http, protocol: HTTP, port: 80}]}
`,
  istio: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: istio-edge, namespace: argocd}
spec:
  destination: {namespace: istio-ingress}
  source: {repoURL: https://istio-release.storage.googleapis.com/charts, chart: gateway}
`,
  kong: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: kong-api, namespace: argocd}
spec:
  destination: {namespace: kong}
  source: {repoURL: https://charts.konghq.com, chart: ingress}
`,
  gatewayApi: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: lost, namespace: web}
spec: {parentRefs: [{name: nowhere}], rules: [{backendRefs: [{name: web, port: 80}]}]}
`,
};
const READERS = { albc: albcReader, cilium: ciliumReader, istio: istioReader, kong: kongReader, gatewayApi: gatewayApiReader };

for (const [owner, content] of Object.entries(FOLDERS)) {
  test(`only the ${owner} reader reads a folder of ${owner} objects`, () => {
    const { docs, values } = readDocuments([{ file: `${owner}.yaml`, content }]);
    for (const [name, read] of Object.entries(READERS)) {
      const { entries, proxies, findings } = read({ docs, values });
      const seen = entries.length + proxies.length + findings.length;
      if (name === owner) assert.ok(seen > 0, `${name} reads its own objects`);
      else assert.equal(seen, 0, `${name} reads ${owner}'s objects`);
    }
  });
}
