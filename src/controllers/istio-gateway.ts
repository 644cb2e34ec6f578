// The istio/gateway Helm chart's Service: its plain HTTP port (named `http2`) is where the ALB in
// front of an Istio gateway sends traffic (istio/istio, manifests/charts/gateway/values.yaml).
export const GATEWAY_HTTP_PORT = 80;
