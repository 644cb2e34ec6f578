export declare const GENERATED: string;
export declare const CONTROLLERS: readonly string[];
export declare function generateSpecValidator(): string;
export declare function writeSpecValidator(): boolean;
