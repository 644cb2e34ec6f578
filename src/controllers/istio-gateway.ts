// The istio/gateway Helm chart's Service: its plain HTTP port (named `http2`) is where the ALB in
// front of an Istio gateway sends traffic (istio/istio, manifests/charts/gateway/values.yaml).
export const GATEWAY_HTTP_PORT = 80;

/**
 * The ports of the istio/gateway chart's Service (manifests/charts/gateway/values.yaml
 * `service.ports` at 1.30.3: status-port 15021, http2 80, https 443). A Gateway API listener is
 * programmed only on a port the Service has (pilot/pkg/config/kube/gatewaycommon/context.go
 * `ResolveGatewayInstances`: "port %d not found for hostname" makes Programmed False), and
 * 15021 is the health port, so a listener may use these.
 */
export const GATEWAY_LISTENER_PORTS: readonly number[] = [GATEWAY_HTTP_PORT, 443];
