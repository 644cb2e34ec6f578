// Synthetic but realistic fleets of ingress specs for the benchmarks: deterministic from a seed,
// valid by construction (bench/run.ts checks every one with `node dist/cli.js validate` before
// measuring anything). Each spec is one cluster; its routes are spread over the gateway types
// the README describes: an ALB with direct alb routes, Istio behind an internal ALB, Kong behind
// an ALB (plugins on some routes), Cilium behind an NLB, plus an NLB `service:`.

export interface FleetOptions {
  /** Number of specs (clusters). */
  readonly specs: number;
  /** Routes in each spec. */
  readonly routesPerSpec: number;
  readonly seed: number;
  /**
   * Backend port of every route (or of route i, undefined: its usual port); change it to make
   * route manifests change while the rest of the spec stays the same. Default: varied ports.
   */
  readonly backendPort?: number | ((route: number) => number | undefined);
  /** Gateway types to use, in round-robin weight order (default: all four). */
  readonly gatewayTypes?: readonly GatewayKind[];
}

export type GatewayKind = "alb" | "istio" | "kong" | "cilium";

export interface GeneratedSpec {
  /** Suggested file name, relative: `clusters/<cluster>/ingress-spec.yaml`. */
  readonly file: string;
  readonly name: string;
  /** gitops.path of the spec. */
  readonly folder: string;
  readonly text: string;
  readonly routes: number;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENVS = ["prod", "staging", "dev", "perf", "dr"] as const;
const REGIONS = [
  ["ap-northeast-1", "apne1"],
  ["us-east-1", "use1"],
  ["us-west-2", "usw2"],
  ["eu-west-1", "euw1"],
  ["eu-central-1", "euc1"],
  ["ap-southeast-2", "apse2"],
] as const;
const BUSINESS = ["shop", "payments", "media", "identity", "search", "logistics", "ads", "data", "games", "travel"] as const;
const SERVICES = [
  "orders",
  "payments",
  "catalog",
  "search",
  "checkout",
  "cart",
  "inventory",
  "shipping",
  "accounts",
  "auth",
  "profile",
  "reviews",
  "recommendations",
  "pricing",
  "invoices",
  "notifications",
  "media",
  "uploads",
  "reports",
  "analytics",
  "billing",
  "ledger",
  "fraud",
  "tickets",
  "support",
  "chat",
  "feeds",
  "graph",
  "gateway",
  "webhooks",
] as const;
const RESOURCES = [
  "items",
  "users",
  "sessions",
  "events",
  "status",
  "health",
  "export",
  "import",
  "v1",
  "v2",
  "admin",
  "public",
  "internal",
  "batch",
  "stream",
] as const;
const TEAMS = ["core", "growth", "platform", "edge", "money", "trust", "content", "infra"] as const;
const PORTS = [80, 8080, 8443, 3000, 9000, 4318, 5000] as const;
/** Weights of the gateway types: alb 40 %, istio 25 %, kong 20 %, cilium 15 %. */
const WEIGHTS: Record<GatewayKind, number> = { alb: 8, istio: 5, kong: 4, cilium: 3 };
const GATEWAY_NAME: Record<GatewayKind, string> = { alb: "web", istio: "mesh", kong: "api", cilium: "edge" };

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function hex(rand: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(rand() * 16).toString(16);
  return out;
}

function uuid(rand: () => number): string {
  return `${hex(rand, 8)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 12)}`;
}

/** Which gateway each of `count` routes goes to: a deterministic weighted round robin. */
function assignGateways(count: number, kinds: readonly GatewayKind[]): GatewayKind[] {
  const cycle = kinds.flatMap((k) => Array.from({ length: WEIGHTS[k] }, () => k));
  // Interleave: alb, istio, kong, cilium, alb, … so even small specs mix types.
  const interleaved: GatewayKind[] = [];
  const left = new Map(kinds.map((k) => [k, WEIGHTS[k]]));
  while (interleaved.length < cycle.length) {
    for (const k of kinds) {
      const n = left.get(k) ?? 0;
      if (n > 0) {
        interleaved.push(k);
        left.set(k, n - 1);
      }
    }
  }
  return Array.from({ length: count }, (_, i) => interleaved[i % interleaved.length] as GatewayKind);
}

interface Route {
  name: string;
  namespace: string;
  gateway: GatewayKind;
  hosts: string[];
  rules: { path: string; pathType?: "Exact"; service: string; port: number }[];
  plugins?: { name: string; config: string }[];
}

function plugins(rand: () => number): { name: string; config: string }[] {
  const all = [
    { name: "rate-limiting", config: `{minute: ${pick(rand, [60, 100, 600, 1200])}, policy: local}` },
    { name: "key-auth", config: "{key_names: [apikey]}" },
    { name: "cors", config: `{origins: ["https://app.example.com"], max_age: 3600}` },
    { name: "request-size-limiting", config: `{allowed_payload_size: ${pick(rand, [1, 8, 128])}}` },
  ];
  const n = 1 + Math.floor(rand() * 2);
  const start = Math.floor(rand() * all.length);
  return Array.from({ length: n }, (_, i) => all[(start + i) % all.length] as { name: string; config: string });
}

function generateRoutes(
  rand: () => number,
  count: number,
  domain: string,
  kinds: readonly GatewayKind[],
  backendPort: FleetOptions["backendPort"],
): Route[] {
  const claimed = new Set<string>();
  const names = new Set<string>();
  return assignGateways(count, kinds).map((gateway, i) => {
    const fixedPort = typeof backendPort === "function" ? backendPort(i) : backendPort;
    const service = pick(rand, SERVICES);
    const team = pick(rand, TEAMS);
    const namespace = rand() < 0.5 ? service : `${team}-${service}`;
    let name = `${service}-${pick(rand, RESOURCES)}`;
    for (let n = 2; names.has(`${namespace}/${name}`); n++) name = `${service}-${pick(rand, RESOURCES)}-${n}`;
    names.add(`${namespace}/${name}`);
    // Hosts must match the listeners: cilium and istio gateways only listen on their own subdomain.
    const zone =
      gateway === "cilium" ? `edge.${domain}` : gateway === "istio" ? `internal.${domain}` : gateway === "kong" ? `api.${domain}` : domain;
    const shard = Math.floor(i / 40); // a host per ~40 routes, like teams sharing a vanity host
    const hosts = [`${service}${shard === 0 ? "" : `-${shard}`}.${zone}`];
    if (gateway === "alb" && rand() < 0.2) hosts.push(`www-${service}${shard === 0 ? "" : `-${shard}`}.${zone}`);
    const ruleCount = rand() < 0.7 ? 1 : rand() < 0.7 ? 2 : 3;
    const rules: Route["rules"] = [];
    for (let r = 0; r < ruleCount; r++) {
      let path = `/${pick(rand, ["api", "v1", "v2", "svc"])}/${service}/${pick(rand, RESOURCES)}`;
      for (let n = 2; hosts.some((h) => claimed.has(`${gateway} ${h} ${path}`)); n++)
        path = `/${pick(rand, ["api", "v1", "v2", "svc"])}/${service}/${pick(rand, RESOURCES)}-${n}`;
      for (const h of hosts) claimed.add(`${gateway} ${h} ${path}`);
      const rule: Route["rules"][number] = {
        path,
        service: r === 0 ? service : `${service}-${pick(rand, ["worker", "api", "web", "grpc"])}`,
        port: pick(rand, PORTS),
      };
      if (fixedPort !== undefined) rule.port = fixedPort; // drawn anyway: the rest of the spec stays the same
      if (rand() < 0.1) rule.pathType = "Exact";
      rules.push(rule);
    }
    const route: Route = { name, namespace, gateway, hosts, rules };
    if (gateway === "kong" && rand() < 0.35) route.plugins = plugins(rand);
    return route;
  });
}

function routeYaml(route: Route): string {
  const lines = [
    `  - name: ${route.name}`,
    `    namespace: ${route.namespace}`,
    `    gateway: ${GATEWAY_NAME[route.gateway]}`,
    `    hosts: [${route.hosts.join(", ")}]`,
    "    rules:",
    ...route.rules.flatMap((r) => [
      `      - path: ${r.path}`,
      ...(r.pathType === undefined ? [] : [`        pathType: ${r.pathType}`]),
      `        backend: {service: ${r.service}, port: ${r.port}}`,
    ]),
  ];
  if (route.plugins !== undefined) {
    lines.push("    plugins:", ...route.plugins.map((p) => `      - {name: ${p.name}, config: ${p.config}}`));
  }
  return lines.join("\n");
}

/** One spec: a cluster named from the seed and index, routes spread over the gateway types. */
export function generateSpec(
  index: number,
  routes: number,
  seed: number,
  options: Pick<FleetOptions, "backendPort" | "gatewayTypes"> = {},
): GeneratedSpec {
  const rand = prng(seed * 1_000_003 + index);
  const env = ENVS[index % ENVS.length] as string;
  const [region, short] = REGIONS[Math.floor(index / ENVS.length) % REGIONS.length] as readonly [string, string];
  const business = pick(rand, BUSINESS);
  const cluster = `${business}-${env}-${short}-${String(index).padStart(3, "0")}`;
  const name = cluster;
  const domain = `${business}${index}.${env === "prod" ? "" : `${env}.`}example.com`;
  const account = String(100000000000 + Math.floor(rand() * 899999999999));
  const folder = `clusters/${cluster}/ingress`;
  const kinds = options.gatewayTypes ?? (["alb", "istio", "kong", "cilium"] as const);
  const routeList = generateRoutes(rand, routes, domain, kinds, options.backendPort);
  const used = new Set(routeList.map((r) => r.gateway));
  const cert = `arn:aws:acm:${region}:${account}:certificate/${uuid(rand)}`;

  const lbs: string[] = [];
  const gws: string[] = [];
  if (used.has("alb")) {
    lbs.push(
      "  - name: public-alb",
      "    type: alb",
      "    scheme: internet-facing",
      "    targetType: ip",
      "    listen: [{protocol: HTTPS, port: 443}, {protocol: HTTP, port: 80}]",
      `    certificateArns: ["${cert}"]`,
      "    sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06",
      `    groupName: ${cluster}-public`,
    );
    if (rand() < 0.5) lbs.push(`    wafAclArn: arn:aws:wafv2:${region}:${account}:regional/webacl/${business}-waf/${uuid(rand)}`);
    gws.push("  - name: web", "    type: alb", "    loadBalancer: public-alb");
  }
  if (used.has("istio")) {
    lbs.push(
      "  - name: internal-alb",
      "    type: alb",
      "    scheme: internal",
      "    listen: [{protocol: HTTP, port: 80}]",
      "    inboundCidrs: [10.0.0.0/8]",
    );
    gws.push(
      "  - name: mesh",
      "    type: istio",
      "    namespace: istio-ingress",
      "    loadBalancer: internal-alb",
      `    listeners: [{name: http, protocol: HTTP, port: 80, hostname: "*.internal.${domain}"}]`,
      "    autoscaling: {minReplicas: 2, maxReplicas: 6}",
    );
  }
  if (used.has("kong")) {
    lbs.push(
      "  - name: api-alb",
      "    type: alb",
      "    scheme: internet-facing",
      "    listen: [{protocol: HTTPS, port: 443}]",
      `    certificateArns: ["${cert}"]`,
    );
    gws.push("  - name: api", "    type: kong", "    namespace: kong", "    loadBalancer: api-alb", "    replicas: 2");
  }
  if (used.has("cilium")) {
    lbs.push(
      "  - name: edge-nlb",
      "    type: nlb",
      "    scheme: internet-facing",
      "    targetType: instance",
      "    preserveClientIp: true",
    );
    gws.push(
      "  - name: edge",
      "    type: cilium",
      "    namespace: kube-system",
      "    loadBalancer: edge-nlb",
      `    listeners: [{name: http, protocol: HTTP, port: 80, hostname: "*.edge.${domain}"}]`,
    );
  }
  lbs.push(
    "  - name: syslog-nlb",
    "    type: nlb",
    "    scheme: internal",
    "    listen: [{protocol: UDP, port: 514}]",
    "    service:",
    "      name: syslog",
    "      namespace: logging",
    "      selector: {app: syslog}",
    "      ports: [{port: 514, protocol: UDP}]",
  );

  const controllers = [
    "controllers:",
    "  awsLoadBalancerController:",
    `    serviceAccount: {roleArn: "arn:aws:iam::${account}:role/${cluster}-albc"}`,
    "    values: {replicaCount: 2}",
  ];
  if (used.has("cilium")) {
    controllers.push(
      "  cilium:",
      "    values:",
      `      k8sServiceHost: ${hex(rand, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
      "      k8sServicePort: 443",
    );
  }

  const text = [
    "# yaml-language-server: $schema=../../../schema/ingress-spec.schema.json",
    `# Synthetic ${env} cluster of the ${business} business unit (bench/fleet.ts, seed ${seed}, index ${index}).`,
    "apiVersion: ingress-gitops/v1alpha1",
    "kind: IngressSpec",
    "metadata:",
    `  name: ${name}`,
    "cluster:",
    `  name: ${cluster}`,
    `  region: ${region}`,
    `  vpcId: vpc-${hex(rand, 17)}`,
    "gitops:",
    `  repoURL: https://github.com/acme/gitops.git`,
    "  targetRevision: main",
    `  path: ${folder}`,
    "argocd:",
    `  project: ${business}`,
    ...controllers,
    "loadBalancers:",
    ...lbs,
    ...(gws.length > 0 ? ["gateways:", ...gws] : []),
    ...(routeList.length > 0 ? ["routes:", ...routeList.map(routeYaml)] : []),
    "",
  ].join("\n");
  return { file: `clusters/${cluster}/ingress-spec.yaml`, name, folder, text, routes };
}

export function generateFleet(options: FleetOptions): GeneratedSpec[] {
  const specOptions = {
    ...(options.backendPort === undefined ? {} : { backendPort: options.backendPort }),
    ...(options.gatewayTypes === undefined ? {} : { gatewayTypes: options.gatewayTypes }),
  };
  return Array.from({ length: options.specs }, (_, i) => generateSpec(i, options.routesPerSpec, options.seed, specOptions));
}

/**
 * Routes of the baseline case for memory per route (bench/run.ts): the smallest spec that has
 * every gateway type. A 1-route spec has an ALB only, so its run never loads what Istio, Kong and
 * Cilium need once per process (their charts' schemas; the Cilium values validator alone is 1 MB
 * of code): above it, that fixed cost was counted as memory per route, most at 1,000 routes.
 */
export const MEMORY_BASE_ROUTES = 100;
