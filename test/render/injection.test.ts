// Values must never change the shape of what they are written into: whatever string reaches a
// template or a free-form spec field has to come back, unchanged, at the place it was written to,
// and nowhere else (no extra key, document or comment). Checked with arbitrary strings at two
// levels: each template on its own, and whole specs through validate → build → render.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse, parseAllDocuments, stringify } from "yaml";
import { buildModel } from "../../src/model/build.ts";
import { renderModel, type RenderedFile } from "../../src/render/render.ts";
import { loadTemplates, TEMPLATE_NAMES, yamlScalar, type TemplateName } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { goRead } from "../support/go-yaml-reading.ts";
import { propertyRuns } from "../support/property-runs.ts";
import { verifyRendered } from "../../src/verify/verified.ts";
import { CHART_FIELD } from "../../src/render/argocd/index.ts";

const templates = loadTemplates();

// ---------------------------------------------------------------------------------------------
// Generators

/** Strings that break YAML emitters, template engines or parsers when written raw. */
const NASTY = [
  "",
  "a\nkind: Secret",
  "{{x}}",
  "}}{{",
  '"\n---\napiVersion: v1',
  "# comment",
  "x # comment",
  "&anchor",
  "*alias",
  "!!binary x",
  "!<tag:yaml.org,2002:int> 1",
  "\u0000",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffe",
  "\ud800",
  "\udfff",
  "x\udc00y",
  "@",
  "`",
  "%TAG ! tag:x,2000:",
  "? ",
  "- ",
  ": ",
  "---",
  "...",
  "'",
  '"',
  "\\",
  "\t",
  "\r\n",
  " ",
  "null",
  "~",
  "1e3",
  "0x1f",
  // go-yaml (Argo CD, Helm, kubectl) reads these as numbers or dates; the yaml package does not.
  "0X1F",
  "0O17",
  "0B101",
  "+_1",
  "2001-1-2",
  "x\rkind: Secret",
  "k".repeat(1030),
  ".inf",
  "<<",
  "__proto__",
  "constructor",
  "\u{10ffff}",
  "😀",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Any string: arbitrary code points, the nasty ones, and both spliced together. */
const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: "binary" }),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 3 }), loneSurrogate), { maxLength: 6 })
    .map((parts) => parts.join("")),
);

/** For fields the spec schema says are `minLength: 1`, and for template values that guard an `{{#if}}`. */
const nonEmptyString = anyString.filter((s) => s.length > 0);

// ---------------------------------------------------------------------------------------------
// Template level
//
// Each case is the data a provider hands a template (see src/render/*/index.ts). Every string in
// it is first replaced by a unique token and rendered once: where a token lands in that baseline
// is where the template puts that value. The property then swaps arbitrary strings in for the
// tokens and demands the render equal the baseline with the same swap applied: each value
// verbatim at its place, and not one key more or less.

interface TemplateCase {
  readonly template: TemplateName;
  readonly title: string;
  readonly data: Record<string, unknown>;
  /** Maps the template writes whole with one {{y}}: their keys (at any depth) are values too. */
  readonly opaque?: readonly string[];
  /** Values that guard an {{#if}} block: "" would mean "absent", so they get non-empty strings. */
  readonly guards?: readonly string[];
  /** Values the template does not write (the provider passes a whole object). */
  readonly unused?: readonly string[];
}

const CASES: readonly TemplateCase[] = [
  {
    template: "application",
    title: "a Helm chart Application",
    data: {
      name: "platform-aws-load-balancer-controller",
      namespace: "argocd",
      wave: "-30",
      cascadeDelete: true,
      project: "platform",
      destination: { server: "https://kubernetes.default.svc", namespace: "kube-system" },
      gitops: { repoURL: "https://github.com/acme/gitops.git", targetRevision: "main", path: "clusters/platform-eks/ingress" },
      chart: {
        repoURL: "https://aws.github.io/eks-charts",
        name: "aws-load-balancer-controller",
        version: "3.5.0",
        releaseName: "aws-load-balancer-controller",
        valueFile: "$values/clusters/platform-eks/ingress/values/aws-load-balancer-controller.yaml",
        skipCrds: true,
      },
      directory: null,
      automated: { prune: true, selfHeal: true },
      syncOptions: ["CreateNamespace=true", "ServerSideApply=true", "RespectIgnoreDifferences=true"],
      ignoreDifferences: [
        { kind: "Secret", name: "aws-load-balancer-tls", jsonPointers: ["/data"] },
        {
          group: "admissionregistration.k8s.io",
          kind: "MutatingWebhookConfiguration",
          jqPathExpressions: [".webhooks[].clientConfig.caBundle"],
        },
      ],
      namespaceLabels: { "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled" },
    },
    opaque: ["namespaceLabels"],
    guards: ["wave"],
    unused: ["gitops.path"],
  },
  {
    template: "application",
    title: "a Git directory Application",
    data: {
      name: "platform-routes",
      namespace: "argocd",
      wave: "10",
      cascadeDelete: false,
      project: "default",
      destination: { name: "in-cluster", namespace: "default" },
      gitops: { repoURL: "https://github.com/acme/gitops.git", targetRevision: "HEAD", path: "clusters/platform-eks/ingress" },
      chart: null,
      directory: {
        repoURL: "https://github.com/acme/gitops.git",
        targetRevision: "HEAD",
        path: "clusters/platform-eks/ingress/manifests",
        recurse: true,
      },
      automated: null,
      syncOptions: ["ServerSideApply=true"],
      ignoreDifferences: null,
    },
    guards: ["wave"],
    unused: ["gitops.repoURL", "gitops.targetRevision", "gitops.path"],
  },
  {
    template: "applicationset",
    title: "the chart Applications of a spec as one ApplicationSet",
    data: {
      name: "platform-charts",
      namespace: "argocd",
      wave: "-10",
      elements: [
        {
          name: "istiod",
          namespace: "istio-system",
          wave: "wave-10",
          repoURL: "https://istio-release.storage.googleapis.com/charts",
          chart: "istiod",
          version: "1.30.3",
          releaseName: "istiod",
          valueFile: "$values/clusters/p/values/istiod.yaml",
          ignoreDifferences: [],
        },
      ],
      waves: [{ key: "ingress-gitops.io/wave", values: ["wave-10"] }],
      appName: "platform-{{.name}}",
      labels: { "ingress-gitops.io/wave": "{{.wave}}" },
      project: "platform",
      destination: { server: "https://kubernetes.default.svc", namespace: "{{.namespace}}" },
      gitops: { repoURL: "https://github.com/acme/gitops.git", targetRevision: "main", path: "clusters/p" },
      chartField: CHART_FIELD,
      templatePatch: "{{- if .ignoreDifferences }}\nspec:\n  ignoreDifferences: {{ toJson .ignoreDifferences }}\n{{- end }}\n",
    },
    unused: ["gitops.path"],
  },
  {
    template: "gateway",
    title: "a Cilium Gateway with its NLB annotations",
    data: {
      name: "edge",
      namespace: "kube-system",
      className: "cilium",
      infrastructureAnnotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      },
      parametersRef: null,
      listeners: [
        { name: "http", protocol: "HTTP", port: 80, hostname: "*.edge.example.com", tlsSecret: null, allowedNamespaces: { from: "All" } },
        {
          name: "https",
          protocol: "HTTPS",
          port: 443,
          hostname: "secure.edge.example.com",
          tlsSecret: "edge-tls",
          allowedNamespaces: { from: "Selector", selector: { matchLabels: { team: "edge" } } },
        },
      ],
    },
    opaque: ["infrastructureAnnotations", "listeners.*.allowedNamespaces.selector.matchLabels"],
    guards: ["listeners.*.hostname", "listeners.*.tlsSecret"],
  },
  {
    template: "gateway",
    title: "an ALBC Gateway with its LoadBalancerConfiguration",
    data: {
      name: "web",
      namespace: "gateways",
      className: "aws-alb",
      infrastructureAnnotations: null,
      parametersRef: { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: "public-alb" },
      listeners: [{ name: "https", protocol: "HTTPS", port: 443, hostname: null, tlsSecret: null, allowedNamespaces: { from: "All" } }],
    },
    guards: ["parametersRef.group", "parametersRef.kind", "parametersRef.name"],
  },
  {
    template: "gatewayclass",
    title: "ALBC's GatewayClass",
    data: { name: "aws-alb", controllerName: "gateway.k8s.aws/alb" },
  },
  {
    template: "loadbalancerconfiguration",
    title: "an ALB's LoadBalancerConfiguration",
    data: {
      apiVersion: "gateway.k8s.aws/v1",
      name: "public-alb",
      namespace: "gateways",
      scheme: "internet-facing",
      securityGroups: ["sg-0123456789abcdef0"],
      sourceRanges: ["10.0.0.0/8"],
      listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: "arn:aws:acm:us-west-2:123456789012:certificate/abc" }],
      webACL: "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/xyz",
    },
    guards: [
      "securityGroups.*",
      "sourceRanges.*",
      "webACL",
      "listenerConfigurations.*.protocolPort",
      "listenerConfigurations.*.defaultCertificate",
    ],
  },
  {
    template: "targetgroupconfiguration",
    title: "a Service's TargetGroupConfiguration",
    data: {
      apiVersion: "gateway.k8s.aws/v1",
      name: "cart",
      namespace: "cart",
      serviceName: "cart",
      targetType: "ip",
      healthCheckConfig: { healthCheckPath: "/healthz" },
    },
    guards: ["healthCheckConfig.healthCheckPath"],
  },
  {
    template: "referencegrant",
    title: "a ReferenceGrant",
    data: {
      name: "web-from-cart",
      namespace: "shared",
      from: [
        { kind: "GRPCRoute", namespace: "cart" },
        { kind: "HTTPRoute", namespace: "cart" },
      ],
      services: ["cart", "pricing"],
    },
  },
  {
    template: "grpcroute",
    title: "a GRPCRoute",
    data: {
      name: "checkout",
      namespace: "cart",
      parentRefs: [
        { name: "web", namespace: "gateways", sectionName: "https" },
        { name: "edge", namespace: "gateways", sectionName: null },
      ],
      hostnames: ["grpc.example.com"],
      rules: [
        { service: "checkout", serviceNamespace: null, port: 50051, method: { type: "Exact", service: "shop.checkout.v1.Checkout" } },
        { service: "fallback", serviceNamespace: "shared", port: 50051, method: null },
      ],
    },
    guards: ["parentRefs.*.sectionName", "rules.*.serviceNamespace", "rules.*.method.type", "rules.*.method.service"],
  },
  ...(["tcproute", "udproute"] as const).map((template) => ({
    template,
    title: `a ${template === "tcproute" ? "TCPRoute" : "UDPRoute"}`,
    data: {
      apiVersion: "gateway.networking.k8s.io/v1",
      name: "dns",
      namespace: "dns",
      gatewayName: "data",
      gatewayNamespace: "gateways",
      sectionName: "dns",
      service: "coredns",
      serviceNamespace: "kube-system",
      port: 53,
    },
    guards: ["serviceNamespace"],
  })),
  {
    template: "tlsroute",
    title: "a TLSRoute",
    data: {
      apiVersion: "gateway.networking.k8s.io/v1alpha2",
      name: "mqtt",
      namespace: "mqtt",
      gatewayName: "data",
      gatewayNamespace: "gateways",
      sectionName: "mqtt-tls",
      hostnames: ["broker.example.com"],
      service: "mosquitto",
      serviceNamespace: null,
      port: 8883,
    },
    guards: ["serviceNamespace"],
  },
  {
    template: "httproute",
    title: "an HTTPRoute",
    data: {
      name: "telemetry",
      namespace: "telemetry",
      annotations: { "ingress-gitops.io/namespace-labels": "team=telemetry" },
      gatewayName: "edge",
      gatewayNamespace: "kube-system",
      hostnames: ["ingest.edge.example.com", "traces.edge.example.com"],
      rules: [
        { pathType: "Exact", path: "/v1/traces", service: "otel-collector", serviceNamespace: null, port: 4318 },
        { pathType: "PathPrefix", path: "/", service: "web", serviceNamespace: "shared", port: 80 },
      ],
    },
    opaque: ["annotations"],
    guards: ["rules.*.serviceNamespace"],
  },
  {
    template: "ingress",
    title: "an ALB Ingress",
    data: {
      name: "www",
      namespace: "www",
      annotations: {
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/tags": "team=web",
      },
      className: "alb",
      rules: [
        { host: "www.example.com", paths: [{ path: "/", pathType: "Prefix", service: "www", port: 80 }] },
        { host: null, paths: [{ path: "/api", pathType: "Exact", service: "api", port: 8080 }] },
      ],
    },
    opaque: ["annotations"],
    guards: ["rules.*.host"],
  },
  {
    template: "istio-gateway",
    title: "an Istio Gateway",
    data: {
      name: "mesh",
      namespace: "istio-ingress",
      selector: { istio: "mesh" },
      servers: [
        { name: "http", number: 80, protocol: "HTTP", hosts: ["*"], credentialName: null },
        { name: "https", number: 443, protocol: "HTTPS", hosts: ["admin.example.com"], credentialName: "admin-tls" },
      ],
    },
    opaque: ["selector"],
    guards: ["servers.*.credentialName"],
  },
  {
    template: "kongplugin",
    title: "a KongPlugin with a nested config",
    data: {
      name: "partner-api-rate-limiting",
      namespace: "partners",
      plugin: "rate-limiting",
      config: { minute: 600, policy: "local", redis: { host: "redis", ssl: false }, headers: ["x-a", "x-b"], nothing: null },
    },
    opaque: ["config"],
  },
  {
    template: "service",
    title: "an NLB Service",
    data: {
      name: "syslog",
      namespace: "logging",
      annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "external" },
      externalTrafficPolicy: "Local",
      selector: { app: "syslog" },
      ports: [
        { name: "syslog", port: 514, targetPort: 514, protocol: "UDP" },
        { name: null, port: 6514, targetPort: 6514, protocol: "TCP" },
      ],
    },
    opaque: ["annotations", "selector"],
    guards: ["externalTrafficPolicy", "ports.*.name"],
  },
  {
    template: "targetgroupbinding",
    title: "a TargetGroupBinding",
    data: {
      name: "edge-nlb",
      namespace: "kube-system",
      annotations: { "ingress-gitops.io/scheme": "internal", "ingress-gitops.io/load-balancer": "nlb" },
      targetGroupARN: "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/edge/0123456789abcdef",
      targetType: "ip",
      vpcID: "vpc-0123456789abcdef0",
      serviceName: "cilium-gateway-edge",
      servicePort: 80,
      securityGroupId: "sg-0123456789abcdef0",
    },
    opaque: ["annotations"],
    guards: ["securityGroupId"],
  },
  {
    template: "virtualservice",
    title: "a VirtualService",
    data: {
      name: "admin",
      namespace: "admin",
      hosts: ["admin.internal.example.com"],
      gateways: ["istio-ingress/mesh"],
      http: [
        { uri: { prefix: "/" }, host: "admin.admin.svc.cluster.local", port: 8080 },
        { uri: { exact: "/healthz" }, host: "health.admin.svc.cluster.local", port: 8081 },
      ],
    },
  },
];

/** Characters YAML forbids raw in a stream (outside c-printable), whatever the version. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
/** What a YAML 1.1 reader (go-yaml, under Argo CD, Helm and kubectl) also takes as a line break. */
const YAML11_BREAK = /[\x85\u2028\u2029]/u;

interface Slots {
  /** Token of each string value, in order, and whether it guards an {{#if}}. */
  readonly values: { token: string; path: string; guard: boolean }[];
  /** Token of each key of an opaque map. */
  readonly keys: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of the case's data with every string (and opaque key) replaced by a unique token. */
function tokenize(c: TemplateCase): { data: unknown; slots: Slots } {
  const slots: Slots = { values: [], keys: [] };
  const isOpaque = (path: string) => (c.opaque ?? []).some((o) => path === o || path.startsWith(`${o}.`));
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === "string") {
      const token = `«v${slots.values.length}»`;
      slots.values.push({ token, path, guard: (c.guards ?? []).includes(path) });
      return token;
    }
    const child = (segment: string) => (path === "" ? segment : `${path}.${segment}`);
    if (Array.isArray(value)) return value.map((v) => walk(v, child("*")));
    if (isPlainObject(value)) {
      const opaque = isOpaque(path);
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          if (!opaque) return [k, walk(v, child(k))];
          const token = `«k${slots.keys.length}»`;
          slots.keys.push(token);
          return [token, walk(v, child("*"))];
        }),
      );
    }
    return value;
  };
  return { data: walk(c.data, ""), slots };
}

/** `tree` with every string and key found in `swap` replaced; everything else as it is. */
function substitute(tree: unknown, swap: ReadonlyMap<string, string>): unknown {
  if (typeof tree === "string") return swap.get(tree) ?? tree;
  if (Array.isArray(tree)) return tree.map((v) => substitute(v, swap));
  // fromEntries defines keys as own properties, so "__proto__" stays a key like any other.
  if (isPlainObject(tree)) return Object.fromEntries(Object.entries(tree).map(([k, v]) => [swap.get(k) ?? k, substitute(v, swap)]));
  return tree;
}

/** Every string and key of a tree, to see which tokens the baseline render wrote. */
function strings(tree: unknown): string[] {
  if (typeof tree === "string") return [tree];
  if (Array.isArray(tree)) return tree.flatMap(strings);
  if (isPlainObject(tree)) return Object.entries(tree).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

void describe("templates: a value comes back verbatim at its place, whatever it holds", () => {
  void it("covers every template", () => {
    assert.deepEqual(new Set(CASES.map((c) => c.template)), new Set(TEMPLATE_NAMES));
  });

  void it("y escapes DEL and the C1 controls, which JSON allows raw but YAML does not", () => {
    for (let code = 0x7f; code <= 0x9f; code++) {
      const written = yamlScalar(`a${String.fromCharCode(code)}b`);
      assert.doesNotMatch(written, NOT_PRINTABLE, `U+${code.toString(16)}`);
      assert.doesNotMatch(written, YAML11_BREAK, `U+${code.toString(16)}`);
    }
  });

  for (const c of CASES) {
    void it(`${c.template}: ${c.title}`, () => {
      const { data, slots } = tokenize(c);
      const baseline = templates.render(c.template, data);

      // The case is only as good as what reaches the output: every value the template writes
      // must show up in the baseline, so that the property below checks each of them.
      const written = new Set(strings(baseline));
      const missing = slots.values.filter((s) => !written.has(s.token)).map((s) => s.path);
      assert.deepEqual(missing.sort(), [...(c.unused ?? [])].sort(), "values the template does not write");
      assert.ok(
        slots.keys.every((k) => written.has(k)),
        "every opaque key is written",
      );

      const values = fc.tuple(...slots.values.map((s) => (s.guard ? nonEmptyString : anyString)));
      // Keys of one map must differ, or two entries would rightly collapse into one.
      const keys = fc.uniqueArray(anyString, { minLength: slots.keys.length, maxLength: slots.keys.length });
      fc.assert(
        fc.property(values, keys, (injectedValues, injectedKeys) => {
          const swap = new Map<string, string>([
            ...slots.values.map((s, i): [string, string] => [s.token, injectedValues[i] ?? ""]),
            ...slots.keys.map((k, i): [string, string] => [k, injectedKeys[i] ?? ""]),
          ]);
          // render() itself refuses invalid YAML and anything but exactly one document.
          const rendered = templates.render(c.template, substitute(data, swap));
          assert.deepEqual(rendered, substitute(baseline, swap));
        }),
        { numRuns: propertyRuns(1000) },
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// End to end: spec → validateSpecBytes → buildModel → renderModel

type Spec = Record<string, unknown> & {
  argocd?: Record<string, unknown>;
  gitops: Record<string, unknown>;
  controllers: Record<string, Record<string, unknown>>;
  loadBalancers: (Record<string, unknown> & { name: string })[];
  routes: (Record<string, unknown> & { name: string; plugins?: Record<string, unknown>[] })[];
};

function example(name: string): Spec {
  return parse(readFileSync(`examples/${name}.yaml`, "utf8")) as Spec;
}

function loadBalancer(spec: Spec, name: string): Record<string, unknown> {
  const lb = spec.loadBalancers.find((l) => l.name === name);
  assert.ok(lb, `load balancer ${name}`);
  return lb;
}

function firstPlugin(spec: Spec, route: string): Record<string, unknown> {
  const plugin = spec.routes.find((r) => r.name === route)?.plugins?.[0];
  assert.ok(plugin, `a plugin on route ${route}`);
  return plugin;
}

// Every character some reader ends a line at (YAML 1.1 adds NEL, LS and PS to CR and LF).
const ANY_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

/**
 * Renders a spec the way a user would have written it: as YAML text, validated from its bytes,
 * from a file of any name; the header naming it stays its own comment lines for every reader.
 */
function renderSpec(spec: Spec, fileName = "spec.yaml"): readonly RenderedFile[] {
  // No folding: the `yaml` package folds a long double-quoted scalar between the two halves of a
  // surrogate pair, and a lone surrogate has no UTF-8 encoding, so the file would not hold the spec.
  const validation = validateSpecBytes(fileName, new TextEncoder().encode(stringify(spec, { lineWidth: 0 })), fileName);
  assert.ok(validation.valid, `spec refused: ${validation.problems.map((p) => p.message).join("; ")}`);
  const rendered = renderModel(buildModel(validation.valid), templates);
  verifyRendered(rendered);
  for (const file of rendered.files) {
    const lines = file.content.split(ANY_BREAK);
    const header = lines.slice(
      0,
      lines.findIndex((l) => !l.startsWith("#")),
    );
    assert.equal(header.length, file.path.startsWith("values/") ? 2 : 1, `${file.path}: the header is its own lines`);
  }
  return rendered.files;
}

type Doc = Record<string, unknown>;

/**
 * The file's documents, parsed; a file that is not clean YAML fails here, and so does one that a
 * YAML 1.1 reader or Go (go-yaml's resolver: Argo CD, Helm, kubectl) reads differently.
 */
function documents(file: RenderedFile, options?: { version: "1.1" }): Doc[] {
  const parseAs = (version: "1.1" | "1.2") => {
    const docs = parseAllDocuments(file.content, { version });
    const list = Array.isArray(docs) ? docs : [];
    assert.deepEqual(
      list.flatMap((d) => d.errors.map((e) => e.message)),
      [],
      `${file.path} parses as YAML ${version}`,
    );
    return list.map((d) => d.toJS() as Doc);
  };
  const read = parseAs(options?.version ?? "1.2");
  assert.deepEqual(parseAs(options?.version === "1.1" ? "1.2" : "1.1"), read, `${file.path}: YAML 1.1 and 1.2 read the same`);
  assert.deepEqual(goRead(file.content), read, `${file.path}: Go reads the same`);
  return read;
}

/** What must not move: the files, and in each the documents' apiVersion, kind and name. */
function shape(files: readonly RenderedFile[]): unknown {
  return files.map((f) => ({
    path: f.path,
    documents: documents(f).map((d) => [d["apiVersion"], d["kind"], (d["metadata"] as Doc | undefined)?.["name"]]),
  }));
}

function parsedFile(files: readonly RenderedFile[], path: string, options?: { version: "1.1" }): Doc {
  const file = files.find((f) => f.path === path);
  assert.ok(file, `${path} is rendered`);
  const [doc] = documents(file, options);
  assert.ok(doc, `${path} has a document`);
  return doc;
}

function at(tree: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = tree;
  for (const segment of path) {
    // Own properties only: a key like "constructor" must be found as data, not inherited.
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function applications(files: readonly RenderedFile[]): { path: string; app: Doc }[] {
  return files
    .filter((f) => f.path === "root.yaml" || f.path.startsWith("apps/"))
    .map((f) => ({ path: f.path, app: parsedFile(files, f.path) }));
}

/** Every Application source that pulls from the GitOps repository tracks gitops.targetRevision. */
function gitopsSources(app: Doc, repoURL: string): Doc[] {
  const spec = app["spec"] as { source?: Doc; sources?: Doc[] };
  return [...(spec.sources ?? []), ...(spec.source ? [spec.source] : [])].filter((s) => s["repoURL"] === repoURL);
}

/** A KongPlugin config: any JSON object, its keys as arbitrary as its values. */
const pluginConfig = fc.dictionary(
  anyString,
  fc.oneof(
    anyString,
    fc.integer(),
    fc.boolean(),
    fc.array(anyString, { maxLength: 3 }),
    fc.dictionary(anyString, anyString, { maxKeys: 3, noNullPrototype: true }),
  ),
  { maxKeys: 4, noNullPrototype: true },
);

// Any key at all, __proto__ included, must survive into the values file.
const helmValuesKey = anyString;

// A run (validate, render, parse every file) takes ~40 ms for combined.yaml and ~8 ms for
// alb-kong.yaml on 2 cores; at these counts (CI's) the whole file takes near 13 s, at npm test's
// tenth under 3 s.
const E2E_RUNS = { combined: 100, kong: 200 };

void describe("end to end: free-form spec fields come back verbatim in the expected file", () => {
  void it("combined.yaml: argocd, gitops, ALB and NLB annotations, Kong plugin config, ALBC values", () => {
    const base = example("combined");
    const repoURL = String(base.gitops["repoURL"]);
    const baseline = shape(renderSpec(base));
    const injection = fc.record({
      project: nonEmptyString,
      destination: nonEmptyString,
      revision: nonEmptyString,
      albTags: anyString,
      gatewayTags: anyString,
      serviceTags: anyString,
      config: pluginConfig,
      saKey: helmValuesKey,
      saValue: anyString,
      fileName: nonEmptyString,
    });
    fc.assert(
      fc.property(injection, (v) => {
        const spec = structuredClone(base);
        spec.argocd = { project: v.project, destination: { name: v.destination } };
        spec.gitops["targetRevision"] = v.revision;
        loadBalancer(spec, "public-alb")["annotations"] = { "alb.ingress.kubernetes.io/tags": v.albTags };
        loadBalancer(spec, "gateway-nlb")["annotations"] = {
          "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags": v.gatewayTags,
        };
        loadBalancer(spec, "syslog-nlb")["annotations"] = {
          "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags": v.serviceTags,
        };
        firstPlugin(spec, "partner-api")["config"] = v.config;
        const albc = spec.controllers["awsLoadBalancerController"];
        assert.ok(albc, "the example enables ALBC");
        albc["values"] = { ...(albc["values"] as Doc), serviceAccount: { annotations: { [v.saKey]: v.saValue } } };

        const files = renderSpec(spec, v.fileName);
        assert.deepEqual(shape(files), baseline);
        for (const { path, app } of applications(files)) {
          assert.equal(at(app, ["spec", "project"]), v.project, path);
          // The root deploys Application objects, which live on Argo CD's own cluster (declarative-setup.md).
          assert.equal(at(app, ["spec", "destination", "name"]), path === "root.yaml" ? undefined : v.destination, path);
          for (const source of gitopsSources(app, repoURL)) assert.equal(source["targetRevision"], v.revision, path);
        }
        assert.equal(gitopsSources(parsedFile(files, "root.yaml"), repoURL).length, 1, "the root app pulls from the GitOps repository");
        const ingress = parsedFile(files, "manifests/routes-web/www/ingress-www.yaml");
        assert.equal(at(ingress, ["metadata", "annotations", "alb.ingress.kubernetes.io/tags"]), v.albTags);
        const gateway = parsedFile(files, "manifests/routes-edge/kube-system/gateway-edge.yaml");
        assert.equal(
          at(gateway, ["spec", "infrastructure", "annotations", "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags"]),
          v.gatewayTags,
        );
        const service = parsedFile(files, "manifests/service-syslog-nlb/logging/service-syslog.yaml");
        assert.equal(
          at(service, ["metadata", "annotations", "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags"]),
          v.serviceTags,
        );
        assert.deepEqual(parsedFile(files, "manifests/routes-api/partners/kongplugin-partner-api-rate-limiting.yaml")["config"], v.config);
        const values = parsedFile(files, "values/aws-load-balancer-controller.yaml");
        assert.equal(at(values, ["serviceAccount", "annotations", v.saKey]), v.saValue);
      }),
      { numRuns: propertyRuns(E2E_RUNS.combined) },
    );
  });

  void it("alb-kong.yaml: argocd project, gitops revision, the front ALB's attributes, Kong plugin config", () => {
    const base = example("alb-kong");
    const repoURL = String(base.gitops["repoURL"]);
    const baseline = shape(renderSpec(base));
    const injection = fc.record({ project: nonEmptyString, revision: nonEmptyString, attributes: anyString, config: pluginConfig });
    fc.assert(
      fc.property(injection, (v) => {
        const spec = structuredClone(base);
        spec.argocd = { project: v.project };
        spec.gitops["targetRevision"] = v.revision;
        loadBalancer(spec, "api-alb")["annotations"] = { "alb.ingress.kubernetes.io/load-balancer-attributes": v.attributes };
        firstPlugin(spec, "public-api")["config"] = v.config;

        const files = renderSpec(spec);
        assert.deepEqual(shape(files), baseline);
        for (const { path, app } of applications(files)) {
          assert.equal(at(app, ["spec", "project"]), v.project, path);
          for (const source of gitopsSources(app, repoURL)) assert.equal(source["targetRevision"], v.revision, path);
        }
        const front = parsedFile(files, "manifests/routes-api/kong/ingress-kong-api.yaml");
        assert.equal(at(front, ["metadata", "annotations", "alb.ingress.kubernetes.io/load-balancer-attributes"]), v.attributes);
        assert.deepEqual(parsedFile(files, "manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml")["config"], v.config);
      }),
      { numRuns: propertyRuns(E2E_RUNS.kong) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bugs this suite found once, kept as regression tests.

void describe("regressions found by this suite", () => {
  void it("a Helm values key named __proto__ is kept", () => {
    const spec = example("combined");
    const albc = spec.controllers["awsLoadBalancerController"];
    assert.ok(albc, "the example enables ALBC");
    albc["values"] = { serviceAccount: { annotations: JSON.parse('{"__proto__": "kept", "other": "kept"}') as Doc } };
    const values = parsedFile(renderSpec(spec), "values/aws-load-balancer-controller.yaml");
    assert.equal(at(values, ["serviceAccount", "annotations", "other"]), "kept");
    assert.equal(at(values, ["serviceAccount", "annotations", "__proto__"]), "kept");
  });

  void it("y escapes U+FFFE and U+FFFF", () => {
    for (const s of ["\ufffe", "\uffff"]) assert.doesNotMatch(yamlScalar(s), NOT_PRINTABLE, JSON.stringify(s));
  });

  void it("rendered files hold only characters every YAML reader takes raw", () => {
    const spec = example("alb-kong");
    const values = ["a\u007fb", "a\u0080b", "a\u0085b", "a\ufffeb", "a\u2028b"];
    firstPlugin(spec, "public-api")["config"] = Object.fromEntries(values.map((v, i) => [`k${i}`, v]));
    const plugin = renderSpec(spec).find((f) => f.path === "manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml");
    assert.ok(plugin);
    assert.doesNotMatch(plugin.content, NOT_PRINTABLE);
    assert.doesNotMatch(plugin.content, YAML11_BREAK);
  });

  void it("YAML 1.1 readers (Argo CD, Helm, kubectl) read a value back as the same string", () => {
    const spec = example("alb-kong");
    loadBalancer(spec, "api-alb")["annotations"] = { "alb.ingress.kubernetes.io/load-balancer-attributes": "on" };
    firstPlugin(spec, "public-api")["config"] = { "<<": { injected: "key" }, policy: "yes", limit: "1_000" };
    const files = renderSpec(spec);
    const front = parsedFile(files, "manifests/routes-api/kong/ingress-kong-api.yaml", { version: "1.1" });
    assert.equal(at(front, ["metadata", "annotations", "alb.ingress.kubernetes.io/load-balancer-attributes"]), "on");
    const plugin = parsedFile(files, "manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml", { version: "1.1" });
    assert.deepEqual(plugin["config"], { "<<": { injected: "key" }, policy: "yes", limit: "1_000" });
  });
});

void describe("attacks of issue 11, end to end", () => {
  void it("strings Go reads as numbers stay strings in Helm values and Applications (cluster.name 0X1F was clusterName 31)", () => {
    const spec = example("combined");
    (spec["cluster"] as Doc)["name"] = "0X1F";
    spec.argocd = { project: "0O17" };
    spec.gitops["targetRevision"] = "0B101";
    const files = renderSpec(spec);
    const values = files.find((f) => f.path === "values/aws-load-balancer-controller.yaml");
    assert.ok(values);
    assert.equal(at(goRead(values.content)[0], ["clusterName"]), "0X1F");
    for (const { path } of applications(files)) {
      const [app] = goRead(files.find((f) => f.path === path)?.content ?? "");
      assert.equal(at(app, ["spec", "project"]), "0O17", path);
    }
    const root = goRead(files.find((f) => f.path === "root.yaml")?.content ?? "")[0];
    assert.equal(at(root, ["spec", "source", "targetRevision"]) ?? at(root, ["spec", "sources", 0, "targetRevision"]), "0B101");
  });

  void it("a Helm values key of 1024+ characters renders as YAML every reader can read", () => {
    const spec = example("combined");
    const key = "k".repeat(1500);
    const albc = spec.controllers["awsLoadBalancerController"];
    assert.ok(albc, "the example enables ALBC");
    albc["values"] = { podLabels: { [key]: "v" } };
    const values = parsedFile(renderSpec(spec), "values/aws-load-balancer-controller.yaml");
    assert.equal(at(values, ["podLabels", key]), "v");
  });
});
