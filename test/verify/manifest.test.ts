import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateManifest, type OutputProblem, type ValidationContext } from "../../src/verify/index.ts";
import { application, changed, gateway, GATEWAY_CTX, httpRoute, REMOVE, service, VALID, type Doc } from "./fixtures.ts";

/** The problems as "path: message" lines, which is what most assertions care about. */
function problems(doc: unknown, ctx?: ValidationContext): string[] {
  return validateManifest(doc, ctx).map((p: OutputProblem) => `${p.path}: ${p.message}`);
}

function assertOneProblemAt(doc: Doc, path: string, messagePart: string | RegExp, ctx?: ValidationContext): void {
  const found = problems(doc, ctx);
  assert.equal(found.length, 1, `expected exactly one problem, got ${JSON.stringify(found)}`);
  const [line = ""] = found;
  assert.ok(line.startsWith(`${path}: `), `expected a problem at ${path}, got ${line}`);
  if (typeof messagePart === "string") assert.ok(line.includes(messagePart), `expected "${messagePart}" in ${line}`);
  else assert.match(line, messagePart);
}

void describe("validateManifest: valid documents", () => {
  for (const { doc, ctx } of VALID) {
    void it(`accepts a correct ${String(doc.apiVersion)} ${String(doc.kind)}`, () => {
      assert.deepEqual(problems(doc, ctx), []);
    });
  }

  void it("accepts Argo CD kinds under v2.14.21 too", () => {
    for (const { doc } of VALID.filter(({ doc }) => doc.apiVersion === "argoproj.io/v1alpha1")) {
      assert.deepEqual(problems(doc, { argocdVersion: "v2.14.21" }), []);
    }
  });

  void it("accepts AWS Load Balancer Controller kinds under v2.17.1 too", () => {
    for (const { doc } of VALID.filter(({ doc }) => doc.apiVersion === "elbv2.k8s.aws/v1beta1")) {
      assert.deepEqual(problems(doc, { albcVersion: "v2.17.1" }), []);
    }
  });

  void it("accepts the Gateway API kinds in every known release and channel", () => {
    for (const version of ["v1.0.0", "1.2.1", "v1.4.1", "v1.6.1"]) {
      for (const channel of ["standard", "experimental"] as const) {
        for (const { doc } of VALID.filter(({ doc }) => String(doc.apiVersion).startsWith("gateway.networking.k8s.io/"))) {
          assert.deepEqual(problems(doc, { gatewayAPI: { version, channel } }), [], `${version} ${channel} ${String(doc.kind)}`);
        }
      }
    }
  });
});

void describe("validateManifest: unknown fields", () => {
  void it("rejects an unknown top-level field", () => {
    assertOneProblemAt(changed(service, "/specs", {}), "/specs", 'unknown field "specs" (did you mean "spec"?)');
  });

  void it("rejects an unknown field in spec", () => {
    assertOneProblemAt(changed(httpRoute, "/spec/hostname", ["a.example.com"]), "/spec/hostname", 'unknown field "hostname"', GATEWAY_CTX);
  });

  void it("rejects an unknown field deep in a list item", () => {
    assertOneProblemAt(
      changed(httpRoute, "/spec/rules/0/backendRefs/0/prot", 80),
      "/spec/rules/0/backendRefs/0/prot",
      'unknown field "prot"',
      GATEWAY_CTX,
    );
  });

  void it("rejects an unknown field in a core kind's nested object", () => {
    assertOneProblemAt(changed(service, "/spec/ports/0/nodeport", 30080), "/spec/ports/0/nodeport", 'did you mean "nodePort"?');
  });

  void it("checks metadata strictly against ObjectMeta, for core kinds and CRDs alike", () => {
    assertOneProblemAt(changed(service, "/metadata/label", { app: "web" }), "/metadata/label", 'did you mean "labels"?');
    assertOneProblemAt(changed(application, "/metadata/annotation", {}), "/metadata/annotation", 'unknown field "annotation"');
    assertOneProblemAt(changed(application, "/metadata/labels", { team: 1 }), "/metadata/labels/team", "must be string");
  });

  void it("reports an Argo CD Application with a typo in syncPolicy", () => {
    assertOneProblemAt(
      changed(application, "/spec/syncPolicy", { automatic: { prune: true } }),
      "/spec/syncPolicy/automatic",
      'unknown field "automatic"',
    );
    assertOneProblemAt(
      changed(application, "/spec/syncPolicy/automated/selfheal", true),
      "/spec/syncPolicy/automated/selfheal",
      'did you mean "selfHeal"?',
    );
  });

  void it("leaves x-kubernetes-preserve-unknown-fields objects open (Argo helm valuesObject, KongPlugin config)", () => {
    assert.deepEqual(problems(changed(application, "/spec/source/helm", { valuesObject: { anything: { goes: [1, 2] } } })), []);
    const plugin = VALID.find(({ doc }) => doc.kind === "KongPlugin")?.doc ?? {};
    assert.deepEqual(problems(changed(plugin, "/config/whatever", { nested: true })), []);
  });
});

void describe("validateManifest: values", () => {
  void it("rejects a wrong enum value and names the allowed ones", () => {
    assertOneProblemAt(
      changed(httpRoute, "/spec/rules/0/matches/0/path/type", "Prefix"),
      "/spec/rules/0/matches/0/path/type",
      /must be one of "Exact", "PathPrefix", "RegularExpression"; got string "Prefix"/,
      GATEWAY_CTX,
    );
    const tgb = VALID.find(({ doc }) => doc.kind === "TargetGroupBinding")?.doc ?? {};
    assertOneProblemAt(changed(tgb, "/spec/targetType", "pod"), "/spec/targetType", 'must be one of "instance", "ip"');
  });

  void it("rejects a port given as a string", () => {
    assertOneProblemAt(changed(service, "/spec/ports/0/port", "80"), "/spec/ports/0/port", 'must be integer, got string "80"');
    assertOneProblemAt(
      changed(httpRoute, "/spec/rules/0/backendRefs/0/port", "80"),
      "/spec/rules/0/backendRefs/0/port",
      "must be integer",
      GATEWAY_CTX,
    );
  });

  void it("rejects an integer outside its int32 format", () => {
    assertOneProblemAt(changed(service, "/spec/ports/0/port", 2 ** 40), "/spec/ports/0/port", "must be a valid int32");
  });

  void it("checks the byte format of Secret data", () => {
    const secret = VALID.find(({ doc }) => doc.kind === "Secret")?.doc ?? {};
    assertOneProblemAt(changed(secret, "/data/tls.crt", "not base64!"), "/data/tls.crt", "must be a valid byte");
  });

  void it("accepts int-or-string fields both ways and rejects other types", () => {
    assert.deepEqual(problems(changed(service, "/spec/ports/0/targetPort", 8080)), []);
    assert.deepEqual(problems(changed(service, "/spec/ports/0/targetPort", "http")), []);
    assertOneProblemAt(
      changed(service, "/spec/ports/0/targetPort", true),
      "/spec/ports/0/targetPort",
      "must be integer or string, got boolean true",
    );
    const tgb = VALID.find(({ doc }) => doc.kind === "TargetGroupBinding")?.doc ?? {};
    assert.deepEqual(problems(changed(tgb, "/spec/serviceRef/port", "http")), []);
    assertOneProblemAt(changed(tgb, "/spec/serviceRef/port", 1.5), "/spec/serviceRef/port", "must be integer or string");
  });

  void it("accepts null where the schema says nullable (Istio VirtualService)", () => {
    const vs = VALID.find(({ doc }) => doc.kind === "VirtualService")?.doc ?? {};
    assert.deepEqual(problems(changed(vs, "/spec/http/0/retries", { attempts: 2, perTryTimeout: "2s", retryRemoteLocalities: null })), []);
  });

  void it("rejects duplicate entries of list-type map lists", () => {
    const listeners = (gateway.spec as { listeners: unknown[] }).listeners;
    assertOneProblemAt(
      changed(gateway, "/spec/listeners", [...listeners, { ...(listeners[0] as object), port: 8080 }]),
      "/spec/listeners/2",
      "duplicate entry: item 2 has the same name as item 0",
      GATEWAY_CTX,
    );
  });
});

void describe("validateManifest: required fields", () => {
  void it("reports a missing required field at the field's path", () => {
    assertOneProblemAt(changed(service, "/spec/ports/0/port", REMOVE), "/spec/ports/0/port", 'missing required field "port"');
    assertOneProblemAt(changed(gateway, "/spec/listeners", REMOVE), "/spec/listeners", 'missing required field "listeners"', GATEWAY_CTX);
    assertOneProblemAt(changed(application, "/spec/destination", REMOVE), "/spec/destination", 'missing required field "destination"');
  });

  void it("requires metadata and metadata.name", () => {
    assertOneProblemAt(changed(service, "/metadata/name", REMOVE), "/metadata/name", 'missing required field "name"');
    assertOneProblemAt(changed(application, "/metadata", REMOVE), "/metadata", 'missing required field "metadata"');
    assertOneProblemAt(changed(gateway, "/metadata/name", ""), "/metadata/name", "must not be empty", GATEWAY_CTX);
  });

  void it("requires apiVersion and kind", () => {
    assert.deepEqual(problems({ metadata: { name: "x" } }), [
      '/apiVersion: missing required field "apiVersion"',
      '/kind: missing required field "kind"',
    ]);
  });
});

void describe("validateManifest: Gateway API releases and channels", () => {
  const withInfrastructure = changed(gateway, "/spec/infrastructure", { labels: { team: "edge" } });

  void it("rejects Gateway spec.infrastructure in v1.0.0 standard", () => {
    assertOneProblemAt(withInfrastructure, "/spec/infrastructure", 'unknown field "infrastructure"', {
      gatewayAPI: { version: "v1.0.0", channel: "standard" },
    });
  });

  void it("accepts it in v1.2.1 standard and v1.0.0 experimental", () => {
    assert.deepEqual(problems(withInfrastructure, { gatewayAPI: { version: "v1.2.1", channel: "standard" } }), []);
    assert.deepEqual(problems(withInfrastructure, { gatewayAPI: { version: "v1.0.0", channel: "experimental" } }), []);
  });

  void it("needs the release in the context and knows which releases exist", () => {
    assert.match(problems(gateway, {}).join(), /set gatewayAPI \{version, channel\}/);
    assert.match(
      problems(gateway, { gatewayAPI: { version: "v1.3.0", channel: "standard" } }).join(),
      /known releases: v1.0.0, v1.2.1, v1.4.1, v1.6.1/,
    );
  });
});

void describe("validateManifest: CEL rules re-implemented", () => {
  void it("rejects a PathPrefix value that does not start with '/'", () => {
    assertOneProblemAt(
      changed(httpRoute, "/spec/rules/0/matches/0/path/value", "api"),
      "/spec/rules/0/matches/0/path/value",
      "must be an absolute path and start with '/'",
      GATEWAY_CTX,
    );
  });

  // kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_gateways.yaml: the
  // rule "tls must be specified for protocols ['HTTPS', 'TLS']" is there at v1.0.0 and gone at
  // v1.2.1, where ALBC's HTTPS listeners take their certificates from a LoadBalancerConfiguration.
  void it("rejects an HTTPS listener without tls where the release requires it (v1.0.0)", () => {
    assertOneProblemAt(
      changed(gateway, "/spec/listeners/1/tls", REMOVE),
      "/spec/listeners/1/tls",
      "tls must be specified for protocol HTTPS",
      { gatewayAPI: { version: "v1.0.0", channel: "standard" } },
    );
  });

  void it("accepts an HTTPS listener without tls from v1.2.1 on", () => {
    assert.deepEqual(validateManifest(changed(gateway, "/spec/listeners/1/tls", REMOVE), GATEWAY_CTX), []);
  });
});

void describe("validateManifest: what it cannot validate", () => {
  void it("reports an unknown apiVersion/kind instead of passing it", () => {
    assert.deepEqual(validateManifest({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "n" } }), [
      {
        document: "Widget n/w",
        path: "",
        message: "no schema for apiVersion example.com/v1 kind Widget: ingress-gitops does not know this kind, so it cannot be validated",
      },
    ]);
  });

  void it("names the apiVersions it validates for a known kind in another apiVersion", () => {
    assert.match(
      problems({ apiVersion: "networking.istio.io/v1alpha3", kind: "Gateway", metadata: { name: "g" } }).join(),
      /Gateway is validated in gateway\.networking\.k8s\.io\/v1, networking\.istio\.io\/v1/,
    );
  });

  void it("reports unknown Argo CD and AWS Load Balancer Controller versions", () => {
    assert.match(problems(application, { argocdVersion: "v2.9.0" }).join(), /known versions: v3\.5\.1, v2\.14\.21/);
    const tgb = VALID.find(({ doc }) => doc.kind === "TargetGroupBinding")?.doc ?? {};
    assert.match(problems(tgb, { albcVersion: "v2.4.0" }).join(), /known versions: v3\.5\.0, v2\.17\.1/);
  });

  void it("reports a document that is not an object", () => {
    assert.deepEqual(validateManifest(["a"], {}), [
      { document: "document", path: "", message: 'must be a Kubernetes object (a mapping), got array ["a"]' },
    ]);
  });

  void it("labels problems with kind, namespace and name", () => {
    const [problem] = validateManifest(changed(service, "/metadata", { name: "foo", namespace: "kube-system", bogus: 1 }));
    assert.deepEqual(problem, { document: "Service kube-system/foo", path: "/metadata/bogus", message: 'unknown field "bogus"' });
  });
});

void describe("validateManifest: many documents", () => {
  // Speed is measured by `npm run bench`, not here; this checks the compiled validators are reused correctly.
  void it("validates 5,000 HTTPRoutes with one compiled validator and no false positive", () => {
    const routes = Array.from({ length: 5000 }, (_, i) => changed(httpRoute, "/metadata/name", `route-${i}`));
    assert.deepEqual(
      routes.flatMap((r) => validateManifest(r, GATEWAY_CTX)),
      [],
    );
    const broken = changed(routes[routes.length - 1] ?? httpRoute, "/spec/bogus", true);
    assert.equal(validateManifest(broken, GATEWAY_CTX).length, 1);
  });
});
