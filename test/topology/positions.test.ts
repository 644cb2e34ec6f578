// A reader's finding points at the object it is about, or the field in it, as file:line:col,
// also inside a `kubectl get -o yaml` List; where the file cannot show it, the file alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractTopology } from "../../src/topology/extract.ts";

const DUMP = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    ports:
    - name: http
      port: 80
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    namespace: shop
    annotations:
      alb.ingress.kubernetes.io/scheme: internet-facing
  spec:
    ingressClassName: alb
    rules:
    - host: shop.example.com
      http:
        paths:
        - path: /
          pathType: Prefix
          backend:
            service:
              name: web
              port:
                name: https
`;

test("a finding about an item of a List points at the field it is about, line and column", () => {
  const { findings } = extractTopology([{ file: "dump.yaml", content: DUMP }]);
  assert.deepEqual(
    findings.map((f) => `${f.path}: ${f.message}`),
    [
      // The backend of rules[0].http.paths[0] of the List's second item: where its value starts.
      "dump.yaml:31:13: unresolved: Ingress shop/web shop.example.com /: Service shop/web has no port named 'https'; not read as a path",
    ],
  );
});

const MULTI = `# Routes, written by hand.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ok
  namespace: a
spec: {}
---
# This one names a Gateway nobody made.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: orphan
  namespace: a
spec:
  parentRefs:
    - name: nowhere
`;

test("in a file of several documents, the finding points past the comments at its own document", () => {
  const { findings } = extractTopology([{ file: "routes.yaml", content: MULTI }]);
  assert.deepEqual(
    findings.map((f) => f.path),
    ["routes.yaml:2:1", "routes.yaml:17:5"],
    "the first route has no parentRefs field, so its object; the second its parentRefs",
  );
});

test("a rendered file (its documents given) is not parsed again: its findings keep the file alone", () => {
  const documents = [{ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "x" }, spec: {} }];
  const { findings } = extractTopology([{ file: "rendered.yaml", content: "kind: Other\n", documents }]);
  assert.deepEqual(
    findings.map((f) => f.path),
    ["rendered.yaml"],
  );
});
