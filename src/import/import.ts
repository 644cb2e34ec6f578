// Existing manifests → an ingress spec that renders the same exposure: load balancers, gateways
// and routes from what the topology reader finds, with the settings exposure does not carry
// (scheme, target type, certificates, listeners…) read from the objects themselves, and every
// choice and every object or field it could not express said. Pure: files in, spec text out.
import { groupBy } from "../group-by.ts";
import { extractTopology } from "../topology/extract.ts";
import { readDocuments, record, str, type Doc } from "../topology/documents.ts";
import {
  exposureLabel,
  type Exposure,
  type GatewayRef,
  type LoadBalancerRef,
  type ManifestFile,
  type RouteExposure,
} from "../topology/types.ts";
import { clusterFacts, regionFromArns } from "./cluster.ts";
import { emitSpec } from "./emit.ts";
import { importGateway } from "./gateways.ts";
import { bindingOf, importLoadBalancer, isLoadBalancerService, objectLabel, type SpecObject } from "./load-balancers.ts";
import { LabelPool, labelFor } from "./names.ts";
import { noteLine, Notes, placeNotes, type Note, type Where } from "./notes.ts";
import { listenerSupport } from "./listener-protocols.ts";
import { importRoutes, routeObjectOf } from "./routes.ts";
import { istioGatewayService, istioRelease } from "../controllers/istio.ts";
import { KONG_INGRESS_CLASS, kongProxyService, kongRelease } from "../controllers/kong.ts";
import { ingressClasses } from "../topology/ingress.ts";

export interface ImportOptions {
  /** metadata.name; default: from the cluster's name. */
  readonly name?: string;
  /** gitops.path: the folder that holds the manifests, relative to the repository's root. */
  readonly gitopsPath?: string;
  /** Where editors find the spec's JSON Schema, for the modeline. */
  readonly schema: string;
  /** What was read, for the header. */
  readonly inputs: readonly string[];
}

export type ImportResult =
  | { readonly ok: true; readonly text: string; readonly notes: readonly Note[]; readonly paths: number }
  | { readonly ok: false; readonly message: string };

/** The kinds that shape ingress: one of them that the spec does not express is said, never dropped. */
const INGRESS_KINDS = new Set([
  "Ingress",
  "Gateway",
  "HTTPRoute",
  "GRPCRoute",
  "TCPRoute",
  "TLSRoute",
  "UDPRoute",
  "VirtualService",
  "TargetGroupBinding",
  "KongPlugin",
  "KongIngress",
  "LoadBalancerConfiguration",
  "TargetGroupConfiguration",
]);

/** The gateways whose Gateway forwards ports by TCPRoute and UDPRoute, which a spec's routes on them say. */
const GATEWAY_API_TYPES: ReadonlySet<string> = new Set(["cilium", "aws"]);

const PLACEHOLDER = { repoURL: "https://github.com/your-org/gitops.git", region: "us-east-1", vpcId: "vpc-00000000000000000" };

export function importSpec(files: readonly ManifestFile[], options: ImportOptions): ImportResult {
  const reading = extractTopology(files);
  const { docs, values } = readDocuments(files);
  const notes = new Notes();
  // First, so that a gateway's listeners are those its controller's version serves.
  const facts = clusterFacts(docs, values, notes);
  const ciliumVersion = str(record(facts.controllers["cilium"])["chartVersion"]);
  for (const f of reading.findings) if (f.severity !== "info") notes.unexpressed(f.path, "topology", f.message);
  if (reading.exposures.length === 0)
    return { ok: false, message: `no path is exposed by the Kubernetes YAML in ${options.inputs.join(", ")}: nothing to import` };

  const lbPool = new LabelPool();
  const gatewayPool = new LabelPool();
  const consumed = new Set<Doc>();
  const loadBalancers: SpecObject[] = [];
  const gateways: SpecObject[] = [];
  const routes: SpecObject[] = [];
  // A spec renders one Kong, whose controller serves the IngressClass kong: the install that serves it is kept.
  const classOf = ingressClasses(docs);
  const kongRoutes = reading.exposures.filter((e): e is RouteExposure => e.kind === "route" && e.gateway.type === "kong");
  const servesKongClass = (e: RouteExposure) => {
    const doc = routeObjectOf(docs, e, reading.origins.get(e));
    return doc !== undefined && classOf(doc)?.className === KONG_INGRESS_CLASS;
  };
  const kong = (kongRoutes.find(servesKongClass) ?? kongRoutes[0])?.gateway.name;
  // A path is said at the object that makes it, where one here does.
  const routeWhere = (e: Exposure): Where => {
    const file = reading.origins.get(e);
    const doc = routeObjectOf(docs, e, file);
    return doc === undefined ? (file ?? "") : { doc };
  };
  let kept = 0;
  for (const [lbName, paths] of groupBy(reading.exposures, (e) => e.loadBalancer.name)) {
    const ref = (paths[0] as Exposure).loadBalancer;
    const imported = importLoadBalancer(
      docs,
      ref,
      lbPool.take(preferredName(docs, ref, paths)),
      notes,
      paths.map((p) => p.backend),
    );
    if (imported === undefined) {
      for (const p of paths)
        notes.unexpressed(
          reading.origins.get(p) ?? "",
          exposureLabel(p),
          `${ref.type} '${lbName}': no object here makes it, so the spec cannot keep this path`,
        );
      continue;
    }
    imported.from.forEach((d) => consumed.add(d));
    const specLb = String(imported.spec["name"]);
    // A port forwarded by a Gateway's TCPRoute or UDPRoute is a route of the gateway's; one straight to a Service is the Service's.
    const ports = paths.filter((p) => p.kind === "port" && !GATEWAY_API_TYPES.has(p.gateway.type));
    if (ports.length > 0 && imported.spec["service"] === undefined)
      for (const p of ports)
        notes.unexpressed(
          reading.origins.get(p) ?? "",
          exposureLabel(p),
          p.gateway.type === "none"
            ? "a port forwarded to a Service the spec does not make; not kept"
            : `a port the ${p.gateway.type} gateway '${p.gateway.name}' forwards, which a spec's routes on it cannot be; not kept`,
        );
    else kept += ports.length;
    for (const [, through] of groupBy(
      paths.filter((p) => p.kind === "route" || GATEWAY_API_TYPES.has(p.gateway.type)),
      (e) => `${e.gateway.type} ${e.gateway.name}`,
    )) {
      const gatewayRef = (through[0] as Exposure).gateway;
      if (gatewayRef.type === "kong" && kong !== gatewayRef.name) {
        for (const p of through)
          notes.unexpressed(
            routeWhere(p),
            exposureLabel(p),
            `through a second Kong install (${gatewayRef.name}); a spec renders one Kong, '${kong}', so this path stays hand-written`,
          );
        continue;
      }
      if (gatewayRef.type === "kong" && imported.spec["targetType"] !== "ip") {
        notes.chose(
          routeWhere(through[0] as RouteExposure),
          `${ref.type} '${lbName}'`,
          `targetType ip in front of Kong, not ${String(imported.spec["targetType"])}: the health check ingress-gitops gives Kong's targets (8100 /status/ready) exists only on its pods`,
        );
        imported.spec["targetType"] = "ip";
      }
      const name = gatewayPool.take(gatewayRef.type === "alb" ? specLb : gatewayRef.name);
      const support = listenerSupport(gatewayRef.type, ref.type, ciliumVersion);
      const gatewayApi = routedByGatewayApi(gatewayRef, through, routeWhere, notes);
      const gateway = importGateway(
        docs,
        gatewayRef,
        { name, loadBalancer: specLb, namespace: imported.from[0]?.namespace, support, gatewayApi },
        notes,
      );
      if (gateway.spec["type"] === "istio" && gateway.spec["namespace"] === ISTIO_CONTROL_NAMESPACE)
        moveOutOfIstioSystem(gateway.spec, imported.spec, notes);
      gateway.from.forEach((d) => consumed.add(d));
      const listeners = Array.isArray(gateway.spec["listeners"]) ? (gateway.spec["listeners"] as SpecObject[]) : [];
      const imports = importRoutes(docs, through, reading.origins, { name, type: gatewayRef.type, listeners, why: support.why }, notes);
      imports.from.forEach((d) => consumed.add(d));
      // A gateway none of whose paths the spec keeps would serve nothing.
      if (imports.routes.length === 0) continue;
      gateways.push(gateway.spec);
      noteNewInstall(gateway.spec, reading.proxies.get(through[0] as Exposure), reading.origins.get(through[0] as Exposure) ?? "", notes);
      routes.push(...imports.routes);
      kept += imports.kept;
    }
    if (imported.spec["service"] !== undefined || gateways.some((g) => g["loadBalancer"] === specLb)) loadBalancers.push(imported.spec);
  }
  if (loadBalancers.length === 0)
    return {
      ok: false,
      message: `none of the paths in ${options.inputs.join(", ")} can be expressed by a spec:\n${placeNotes(notes.all, files).map(noteLine).join("\n")}`,
    };
  for (const doc of docs)
    if (!consumed.has(doc) && !meshOnly(doc) && (INGRESS_KINDS.has(doc.kind) || isLoadBalancerService(doc)))
      notes.unexpressed({ doc }, objectLabel(doc), "not expressed by the spec: it stays as it is, outside what ingress-gitops renders");

  const controllers = { ...facts.controllers };
  if (gateways.some((g) => g["type"] === "cilium") && controllers["cilium"] === undefined) {
    controllers["cilium"] = { install: "preinstalled" };
    notes.chose(
      "",
      "controllers.cilium",
      "a Cilium Gateway and no Cilium Application: Cilium is installed outside Argo CD (install: preinstalled)",
    );
  }
  const clusterName = facts.clusterName ?? options.name ?? "my-cluster";
  if (facts.clusterName === undefined)
    notes.chose(
      "",
      "cluster.name",
      `no AWS Load Balancer Controller values name the cluster: '${clusterName}', set the EKS cluster's name`,
    );
  const region = facts.region ?? regionFromArns(files.map((f) => f.content).join("\n"));
  if (facts.region === undefined)
    notes.chose(
      "",
      "cluster.region",
      region === undefined
        ? `no region in the manifests: ${PLACEHOLDER.region}, set the cluster's`
        : `${region}, the region of the ARNs in the manifests`,
    );
  const needsVpc = loadBalancers.some((lb) => lb["external"] !== undefined);
  if (needsVpc && facts.vpcId === undefined)
    notes.chose(
      "",
      "cluster.vpcId",
      `a load balancer made outside the cluster needs the cluster's VPC: ${PLACEHOLDER.vpcId} stands in for it, set it`,
    );
  const name = options.name ?? labelFor(clusterName);
  if (facts.repoURL === undefined)
    notes.chose(
      "",
      "gitops.repoURL",
      `no Argo CD Application names the GitOps repository: ${PLACEHOLDER.repoURL} stands in for it, set it`,
    );
  const path = options.gitopsPath ?? `clusters/${name}/ingress`;
  if (options.gitopsPath === undefined)
    notes.chose("", "gitops.path", `${path}: the folder the render owns; point it at the folder that holds these manifests to adopt them`);

  const spec: SpecObject = {
    apiVersion: "ingress-gitops/v1alpha1",
    kind: "IngressSpec",
    metadata: { name },
    cluster: {
      name: clusterName,
      region: region ?? PLACEHOLDER.region,
      ...(facts.vpcId !== undefined ? { vpcId: facts.vpcId } : needsVpc ? { vpcId: PLACEHOLDER.vpcId } : {}),
    },
    gitops: { repoURL: facts.repoURL ?? PLACEHOLDER.repoURL, path },
    ...(Object.keys(controllers).length === 0 ? {} : { controllers }),
    loadBalancers,
    ...(gateways.length === 0 ? {} : { gateways }),
    ...(routes.length === 0 ? {} : { routes }),
  };
  const placed = placeNotes(notes.all, files);
  return { ok: true, text: emitSpec(spec, placed, options), notes: placed, paths: kept };
}

/**
 * The spec name whose render keeps the hand-written objects' names: a Cilium gateway's
 * TargetGroupBinding is rendered as `<gateway>-<load balancer>`, so a binding already named
 * `<gateway>-<rest>` is kept by naming the load balancer `<rest>`.
 */
function preferredName(docs: readonly Doc[], lb: LoadBalancerRef, paths: readonly Exposure[]): string {
  const gateway = paths.find((p) => p.gateway.type === "cilium")?.gateway.name;
  const binding = lb.external && gateway !== undefined ? bindingOf(docs, lb) : undefined;
  return binding !== undefined && binding.name.startsWith(`${gateway ?? ""}-`) ? binding.name.slice(`${gateway ?? ""}-`.length) : lb.name;
}

/**
 * An istio or kong gateway renders all its routes one way: as HTTPRoutes (routeFormat gatewayAPI)
 * when every path through it is routed by one, else as its controller's own kind, and the plan
 * then shows the HTTPRoutes' paths as changing route kind, not as changing.
 */
function routedByGatewayApi(gateway: GatewayRef, through: readonly Exposure[], where: (e: Exposure) => Where, notes: Notes): boolean {
  if (gateway.type !== "istio" && gateway.type !== "kong") return false;
  const [first, ...more] = through.filter((e) => e.routeKind === "HTTPRoute");
  if (first === undefined) return false;
  if (more.length + 1 === through.length) return true;
  const own = gateway.type === "istio" ? "VirtualService" : "Ingress";
  notes.chose(
    where(first),
    `${gateway.type} gateway '${gateway.name}'`,
    `routed by HTTPRoutes and by ${own}s: a spec's gateway renders one kind, so every route of it renders as ${own} (with routeFormat gatewayAPI, every one as HTTPRoute)`,
  );
  return false;
}

/** A VirtualService bound to the sidecars only routes inside the mesh: not ingress, nothing to express. */
function meshOnly(doc: Doc): boolean {
  const gateways = Array.isArray(doc.spec["gateways"]) ? (doc.spec["gateways"] as unknown[]) : ["mesh"];
  return doc.kind === "VirtualService" && gateways.every((g) => g === "mesh");
}

const ISTIO_CONTROL_NAMESPACE = "istio-system";
const ISTIO_GATEWAY_NAMESPACE = "istio-ingress";

/**
 * ingress-gitops refuses an Istio gateway in istio-system (istio-base labels it
 * istio-injection=disabled, so gateway pods with `image: auto` get no image), so the spec's runs
 * in istio-ingress: its Deployment, Service, Gateway and the Ingress in front are made there
 * anew. The ALB of an Ingress in istio-system is then another ALB, and the plan must say so, so
 * the load balancer loses the name that would make it read as the same one.
 */
function moveOutOfIstioSystem(gateway: SpecObject, lb: SpecObject, notes: Notes): void {
  gateway["namespace"] = ISTIO_GATEWAY_NAMESPACE;
  notes.chose(
    "",
    `gateways ${String(gateway["name"])}`,
    `the Istio gateway runs in ${ISTIO_CONTROL_NAMESPACE}, where ingress-gitops does not put one (istio-base disables sidecar injection there, and a gateway's image: auto needs it): the spec's runs in ${ISTIO_GATEWAY_NAMESPACE}, so its Gateway, Service and the Ingress in front are made anew there`,
  );
  const knownAs = lb["knownAs"];
  if (typeof knownAs === "string" && knownAs.startsWith(`${ISTIO_CONTROL_NAMESPACE}/`)) {
    delete lb["knownAs"];
    notes.chose(
      "",
      `loadBalancers ${String(lb["name"])}`,
      `the ALB of Ingress ${knownAs} is replaced by one of an Ingress in ${ISTIO_GATEWAY_NAMESPACE} (new DNS name); the plan shows it replaced`,
    );
  }
}

/**
 * An Istio or Kong gateway is rendered as a release of its own, named by the spec: when the
 * hand-written one's Service is another, the load balancer moves to new pods, which is said.
 */
function noteNewInstall(gateway: SpecObject, handWritten: string | undefined, file: string, notes: Notes): void {
  const name = String(gateway["name"]);
  const service =
    gateway["type"] === "istio"
      ? istioGatewayService(istioRelease(name))
      : gateway["type"] === "kong"
        ? kongProxyService(kongRelease(name))
        : undefined;
  if (service === undefined || handWritten === undefined) return;
  const rendered = `${typeof gateway["namespace"] === "string" ? gateway["namespace"] : (handWritten.split("/")[0] ?? "")}/${service}`;
  if (rendered === handWritten) return;
  notes.chose(
    file,
    `gateways ${name}`,
    `the render installs this ${String(gateway["type"])} gateway as its own release (Service ${rendered}) and points its load balancer there; the hand-written one behind Service ${handWritten} then gets no traffic from it and stays until removed`,
  );
}
