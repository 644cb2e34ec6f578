import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { prepareSchema } from "../../src/verify/prepare-schema.ts";

void describe("prepareSchema", () => {
  void it("closes objects with properties at structural positions only", () => {
    const prepared = prepareSchema({
      type: "object",
      properties: {
        a: { type: "object", properties: { b: { type: "string" } } },
        list: { type: "array", items: { properties: { c: {} } } },
      },
      anyOf: [{ properties: { a: {} }, required: ["a"] }],
    });
    assert.deepEqual(prepared, {
      type: "object",
      additionalProperties: false,
      properties: {
        a: { type: "object", additionalProperties: false, properties: { b: { type: "string" } } },
        list: { type: "array", items: { additionalProperties: false, properties: { c: {} } } },
      },
      anyOf: [{ properties: { a: {} }, required: ["a"] }],
    });
  });

  void it("leaves objects open when upstream says so", () => {
    assert.deepEqual(prepareSchema({ properties: { a: {} }, "x-kubernetes-preserve-unknown-fields": true }), {
      properties: { a: {} },
      "x-kubernetes-preserve-unknown-fields": true,
    });
    assert.deepEqual(prepareSchema({ properties: { a: {} }, additionalProperties: { type: "string" } }), {
      properties: { a: {} },
      additionalProperties: { type: "string" },
    });
    assert.deepEqual(
      prepareSchema({ properties: { podAnnotations: { properties: { x: {} } } } }, { isFreeFormProperty: (n) => n === "podAnnotations" }),
      {
        additionalProperties: false,
        properties: { podAnnotations: { properties: { x: {} } } },
      },
    );
  });

  void it("turns nullable into a null type and int-or-string into integer|string", () => {
    assert.deepEqual(prepareSchema({ type: "string", enum: ["a"], nullable: true }), { type: ["string", "null"], enum: ["a", null] });
    assert.deepEqual(prepareSchema({ type: "string", "x-kubernetes-int-or-string": true }), {
      "x-kubernetes-int-or-string": true,
      anyOf: [{ type: "integer" }, { type: "string" }],
    });
    assert.deepEqual(prepareSchema({ format: "int-or-string", oneOf: [{ type: "integer" }, { type: "string" }] }), {
      oneOf: [{ type: "integer" }, { type: "string" }],
    });
  });

  void it("gives a CRD root and embedded resources apiVersion, kind and ObjectMeta metadata", () => {
    const ref = "meta#/ObjectMeta";
    assert.deepEqual(prepareSchema({ type: "object", properties: { spec: { type: "object" } } }, { objectMetaRef: ref }), {
      type: "object",
      additionalProperties: false,
      properties: { spec: { type: "object" }, apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { $ref: ref } },
    });
    assert.deepEqual(
      prepareSchema(
        {
          type: "object",
          properties: {
            template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
          },
        },
        { objectMetaRef: ref },
      ),
      {
        type: "object",
        additionalProperties: false,
        properties: {
          template: {
            type: "object",
            "x-kubernetes-embedded-resource": true,
            "x-kubernetes-preserve-unknown-fields": true,
            properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { $ref: ref } },
            required: ["apiVersion", "kind"],
          },
          apiVersion: { type: "string" },
          kind: { type: "string" },
          metadata: { $ref: ref },
        },
      },
    );
  });
});
