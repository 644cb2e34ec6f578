// Types of the validator scripts/spec-validator.mjs generates from the spec's JSON Schema.
interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

export declare const validateSpec: GeneratedValidator;
export declare const gatewayAPIDefaults: GeneratedValidator;
export declare const awsLoadBalancerControllerDefaults: GeneratedValidator;
export declare const ciliumDefaults: GeneratedValidator;
export declare const istioDefaults: GeneratedValidator;
export declare const kongDefaults: GeneratedValidator;
