// bottleneck ships types for its full build only; its light build (the one plugin-throttling
// imports, so the bundle holds one copy) has the same API without clustering.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
