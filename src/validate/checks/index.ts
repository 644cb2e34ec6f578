import { ciliumInstallNotes, ciliumKnowsTheApiServer, preinstalledCiliumTakesNoSettings } from "./cilium.ts";
import type { Check } from "./context.ts";
import {
  albcKnowsItsVpc,
  ciliumNeedsKubeProxyReplacement,
  gatewayApiRelease,
  knownChartVersions,
  serviceControllerAgrees,
} from "./controllers.ts";
import { awsGatewayOwnsItsLoadBalancer, awsOnlyLoadBalancerFields } from "./aws-gateways.ts";
import { derivedNames } from "./derived-names.ts";
import {
  awsNlbListens,
  l4RoutesNameTheirListener,
  listenerProtocolServed,
  routeProtocolServed,
  rulesFitTheirProtocol,
} from "./route-protocols.ts";
import { gatewayApiOnlyFields, routesAdmitted } from "./role-separation.ts";
import { helmValuesFitTheChart } from "./helm-values.ts";
import { kongPluginsExist } from "./kong-plugins.ts";
import {
  albHttpsHasACertificate,
  istioGatewayApiListensOnServicePorts,
  istioListensWhereTheAlbSends,
  nlbListenersMatchWhatTheyFront,
} from "./listener-mismatches.ts";
import { externalNlbBindsOnePort, externalSettingsUnused } from "./unrendered-settings.ts";
import { gatewayListeners, gatewaySettings } from "./gateways.ts";
import {
  externalBindings,
  gatewaysFitTheirLoadBalancer,
  inboundCidrs,
  listeners,
  loadBalancerUse,
  rawAnnotations,
} from "./load-balancers.ts";
import { knownReferences, uniqueNames } from "./references.ts";
import { routeFormatOfType, typeSpecificFields } from "./type-fields.ts";
import { backendNamespaceReachable, hostsMatchListeners, pluginsNeedKong, uniqueHostPaths, uniqueHosts } from "./routes.ts";

/** Every semantic check, run on a spec that passed the schema. */
export const CHECKS: readonly Check[] = [
  uniqueNames,
  knownReferences,
  typeSpecificFields,
  routeFormatOfType,
  gatewaysFitTheirLoadBalancer,
  loadBalancerUse,
  externalBindings,
  listeners,
  inboundCidrs,
  rawAnnotations,
  gatewayListeners,
  gatewaySettings,
  awsGatewayOwnsItsLoadBalancer,
  awsOnlyLoadBalancerFields,
  awsNlbListens,
  listenerProtocolServed,
  rulesFitTheirProtocol,
  routeProtocolServed,
  l4RoutesNameTheirListener,
  routesAdmitted,
  gatewayApiOnlyFields,
  pluginsNeedKong,
  backendNamespaceReachable,
  uniqueHostPaths,
  uniqueHosts,
  hostsMatchListeners,
  knownChartVersions,
  gatewayApiRelease,
  ciliumNeedsKubeProxyReplacement,
  ciliumKnowsTheApiServer,
  preinstalledCiliumTakesNoSettings,
  ciliumInstallNotes,
  serviceControllerAgrees,
  albcKnowsItsVpc,
  derivedNames,
  nlbListenersMatchWhatTheyFront,
  istioListensWhereTheAlbSends,
  istioGatewayApiListensOnServicePorts,
  albHttpsHasACertificate,
  kongPluginsExist,
  helmValuesFitTheChart,
  externalSettingsUnused,
  externalNlbBindsOnePort,
];
