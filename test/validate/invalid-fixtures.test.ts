// One bad spec per error class, each with the exact `file:line:col: message` lines expected.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { validateCommand } from "../../src/commands/validate.ts";
import { CHECKS } from "../../src/validate/checks/index.ts";
import { checkSchema } from "../../src/validate/schema.ts";
import { decodeSpecBytes } from "../../src/load/source.ts";
import { parseSpecText } from "../../src/load/yaml-source.ts";
import { INVALID_FIXTURES, invalidFixtures } from "../../scripts/update-invalid-goldens.ts";

for (const fixture of invalidFixtures()) {
  test(`bad spec ${fixture}`, async () => {
    const expected = readFileSync(fixture.replace(/\.yaml$/, ".expected"), "utf8");
    const result = await validateCommand([fixture], { json: false });
    assert.equal(result.stdout, expected);
    assert.equal(result.exitCode, 1, "a spec with errors exits 1");
    assert.match(
      expected,
      new RegExp(`^${fixture.replace(/[.]/g, "\\.")}:\\d+:\\d+: (?!warning)`, "m"),
      "the golden holds at least one positioned error",
    );
  });
}

/**
 * What each bad spec is for: refused before the semantic checks (its bytes, its YAML, the schema),
 * after them (the gitops folder, the render), or found by the semantic checks named.
 */
const REFUSED_BY: Record<string, "bytes" | "yaml" | "schema" | "later" | readonly string[]> = {
  "adopted-names-misplaced": ["typeSpecificFields", "backendNamespaceReachable"],
  "alias-bomb": "yaml",
  "allowed-routes-both": "schema",
  "aws-gateway": ["awsGatewayOwnsItsLoadBalancer", "awsNlbListens", "routeProtocolServed"],
  "route-protocols": [
    "rulesFitTheirProtocol",
    "routeProtocolServed",
    "l4RoutesNameTheirListener",
    "listenerProtocolServed",
    "awsNlbListens",
  ],
  "l4-experimental-channel": ["gatewayApiRelease"],
  "application-name-too-long": "later",
  "bad-values": "schema",
  "cilium-api-server-url": "schema",
  "cilium-preinstalled-values": ["preinstalledCiliumTakesNoSettings"],
  "circular-alias": "yaml",
  "controller-settings": ["knownChartVersions", "ciliumNeedsKubeProxyReplacement"],
  "deep-nesting": "yaml",
  "derived-names": ["derivedNames"],
  "route-admission": ["routesAdmitted", "gatewayApiOnlyFields"],
  "duplicate-host-path": ["uniqueHostPaths"],
  "duplicate-key": "yaml",
  "duplicate-names": ["uniqueNames"],
  "empty-file": "yaml",
  "external-conflicts": ["externalBindings", "serviceControllerAgrees"],
  "gateway-api-no-infrastructure": ["gatewayApiRelease"],
  "gateway-api-no-release-fits": ["gatewayApiRelease"],
  "gateway-api-pinned-too-new": ["gatewayApiRelease"],
  "gateway-api-unknown-release": ["gatewayApiRelease"],
  "gateway-settings": ["gatewayListeners", "gatewaySettings", "uniqueHosts"],
  "gitops-path-absolute-with-schema-errors": "schema",
  "gitops-path-backslash": "later",
  "gitops-path-bidi-override": "later",
  "gitops-path-dotgit-short-name": "later",
  "gitops-path-dotgit-trailing-dot": "later",
  "gitops-path-escapes": "later",
  "gitops-path-github-workflows": "later",
  "gitops-path-long-segment": "later",
  "gitops-path-next-line": "later",
  "gitops-path-nul": "later",
  "gitops-path-zero-width-dotgit": "later",
  "helm-values-unknown-key": ["helmValuesFitTheChart"],
  "hosts-match-listeners": ["hostsMatchListeners", "albcKnowsItsVpc"],
  "istio-gateway-api": [
    "typeSpecificFields",
    "routeFormatOfType",
    "routeProtocolServed",
    "gatewayApiOnlyFields",
    "istioGatewayApiListensOnServicePorts",
  ],
  "kong-gateways": ["gatewaysFitTheirLoadBalancer", "gatewaySettings"],
  "kong-unknown-plugin": ["kongPluginsExist"],
  "kube-proxy-replacement-auto": ["ciliumKnowsTheApiServer"],
  "kube-proxy-replacement-no-endpoint": ["ciliumKnowsTheApiServer"],
  "listener-mismatches": ["nlbListenersMatchWhatTheyFront", "istioListensWhereTheAlbSends", "albHttpsHasACertificate"],
  "load-balancer-settings": ["listeners", "inboundCidrs", "rawAnnotations", "awsOnlyLoadBalancerFields"],
  "load-balancer-topology": ["loadBalancerUse"],
  "many-mistakes": "schema",
  "missing-required": "schema",
  "multi-document": "yaml",
  "not-utf8": "bytes",
  "replicas-with-autoscaling": ["gatewaySettings"],
  "service-controller-contradiction": ["serviceControllerAgrees"],
  "service-controller-off": ["serviceControllerAgrees"],
  "type-specific-fields": ["typeSpecificFields", "pluginsNeedKong"],
  "unknown-fields": "schema",
  "unknown-references": ["knownReferences"],
  "unrendered-settings": ["externalSettingsUnused", "externalNlbBindsOnePort"],
  utf16: "bytes",
  "wrong-types": "schema",
  "yaml-syntax": "yaml",
};

/** Where the fixture is refused, or the semantic checks that find something in it (empty: later). */
function refusal(fixture: string): "bytes" | "yaml" | "schema" | string[] {
  const decoded = decodeSpecBytes(fixture, readFileSync(fixture));
  if (!decoded.ok) return "bytes";
  const parsed = parseSpecText(fixture, decoded.text);
  if (!parsed.ok) return "yaml";
  const schema = checkSchema(parsed.document);
  if (!schema.ok) return "schema";
  return CHECKS.filter((check) => check({ spec: schema.spec, source: parsed.document }).length > 0).map((check) => check.name);
}

test("each bad spec is named with what it is for, and is refused there", () => {
  const names = invalidFixtures().map((fixture) => fixture.slice(`${INVALID_FIXTURES}/`.length, -".yaml".length));
  assert.deepEqual(names, Object.keys(REFUSED_BY).sort(), "every fixture is in REFUSED_BY, and every entry has its fixture");
  for (const name of names) {
    const expected = REFUSED_BY[name];
    const actual = refusal(`${INVALID_FIXTURES}/${name}.yaml`);
    if (expected === "later") assert.deepEqual(actual, [], `${name}: no semantic check finds it; the folder or render refuses it`);
    else if (typeof expected === "string") assert.equal(actual, expected, name);
    else
      assert.deepEqual(
        expected?.filter((check) => !actual.includes(check)),
        [],
        `${name}: found by ${JSON.stringify(actual)}`,
      );
  }
});

test("every semantic check finds something in at least one bad spec", () => {
  const found = new Set(invalidFixtures().flatMap((fixture) => refusal(fixture)));
  assert.deepEqual(
    CHECKS.map((c) => c.name).filter((name) => !found.has(name)),
    [],
  );
});
