export declare function generateTemplates(): string;
export declare function writeTemplates(): boolean;
