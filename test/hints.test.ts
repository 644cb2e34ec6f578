// The namespace-labels hint is written by the render and read back by the topology reader: one
// encoder and one decoder, so the two cannot disagree.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeLabels, encodeLabels } from "../src/hints.ts";

test("the namespace-labels hint reads back as the labels it was written from, keys sorted", () => {
  const labels = { "team.example.com/tier": "edge", env: "prod", "kubernetes.io/metadata.name": "shop" };
  const text = encodeLabels(labels);
  assert.equal(text, "env=prod,kubernetes.io/metadata.name=shop,team.example.com/tier=edge");
  assert.deepEqual(decodeLabels(text), labels);
  // An empty value is a valid label value (Kubernetes label syntax).
  assert.deepEqual(decodeLabels(encodeLabels({ canary: "" })), { canary: "" });
});
