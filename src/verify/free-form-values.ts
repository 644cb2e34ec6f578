// Which Helm values are free-form, i.e. whose keys are data the user chooses rather than
// options the chart defines. Charts cannot enumerate these, so their keys are not checked.

// - maps Kubernetes treats as string maps or label selectors (annotations, labels, *Selector);
// - environment and feature-gate maps, whose keys are the program's settings, not the chart's;
// - values the charts copy verbatim into a Kubernetes or Istio object (affinity, resources,
//   security contexts, probes, lifecycle, Istio meshConfig), whose content that API validates.
const FREE_FORM_NAMES = new Set([
  "env",
  "featureGates",
  "affinity",
  "resources",
  "securityContext",
  "podSecurityContext",
  "containerSecurityContext",
  "seccompProfile",
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "lifecycle",
  "meshConfig",
]);
const FREE_FORM_SUFFIX = /(annotations|labels|selector)$/i;

/** Whether the value under this key is free-form whatever its default or schema lists. */
export function isFreeFormValuesKey(key: string): boolean {
  return FREE_FORM_NAMES.has(key) || FREE_FORM_SUFFIX.test(key);
}
