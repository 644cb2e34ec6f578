export declare function bundle(): Promise<{ name: string; text: string }[]>;
export declare function writeBundle(): Promise<void>;
export declare const DIST_CHECKED: string;
export declare function distProblem(): Promise<string | undefined>;
