// `npm run goldens [render|plan|invalid]...`: regenerates the golden files (all kinds, or those
// named) from the current code. Goldens change only through here, and a golden change is reviewed
// like code.
import { updateInvalidGoldens } from "./update-invalid-goldens.ts";
import { updatePlanGoldens } from "./update-plan-goldens.ts";
import { updateRenderGoldens } from "./update-render-goldens.ts";

const KINDS = {
  render: updateRenderGoldens,
  plan: updatePlanGoldens,
  invalid: updateInvalidGoldens,
} satisfies Record<string, () => string | Promise<string>>;

const asked = process.argv.slice(2);
const unknown = asked.filter((kind) => !(kind in KINDS));
if (unknown.length > 0) {
  console.error(`goldens: unknown kind ${unknown.join(", ")}; the kinds are ${Object.keys(KINDS).join(", ")}`);
  process.exit(2);
}
for (const [kind, update] of Object.entries(KINDS)) if (asked.length === 0 || asked.includes(kind)) console.log(await update());
