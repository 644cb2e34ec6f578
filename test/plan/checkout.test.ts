// render --out leaves the folder as a checkout of the commit delivery would make. Git keeps no
// empty folders, so a folder emptied by the removal of its last owned file goes too.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readFolder, writeFolder } from "../../src/plan/checkout.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { asVerified } from "../support/verified.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-checkout-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const spec = (paths: readonly string[]) =>
  asVerified({ spec: "s", source: "s.yaml", folder: "clusters/s", files: paths.map((path) => ({ path, content: `${path}\n` })) });

async function render(root: string, paths: readonly string[]): Promise<void> {
  const read = await readFolder(root, "clusters/s");
  assert.ok(read.ok);
  await writeFolder(root, planWrites([spec(paths)], read.files));
}

test("removing a route's last file removes the folders it emptied, and only those", async () => {
  await render(dir, ["root.yaml", "manifests/routes-web/cart/ingress-cart.yaml", "manifests/routes-web/shop/ingress-shop.yaml"]);
  mkdirSync(join(dir, "clusters/s/manifests/kept"), { recursive: true });
  writeFileSync(join(dir, "clusters/s/manifests/kept/NOTES.md"), "a person's file\n");
  await render(dir, ["root.yaml", "manifests/routes-web/shop/ingress-shop.yaml"]);
  assert.equal(existsSync(join(dir, "clusters/s/manifests/routes-web/cart")), false, "the emptied folder is gone");
  assert.ok(existsSync(join(dir, "clusters/s/manifests/routes-web/shop/ingress-shop.yaml")));
  await render(dir, ["root.yaml"]);
  assert.equal(existsSync(join(dir, "clusters/s/manifests/routes-web")), false, "every folder emptied on the way up goes");
  assert.ok(existsSync(join(dir, "clusters/s/manifests/kept/NOTES.md")), "a folder with a file of someone else's stays");
  assert.ok(existsSync(join(dir, "clusters/s/root.yaml")));
});
