// Types of the module scripts/template-precompile.mjs generates from templates/*.yaml.hbs.
export declare const precompiled: Readonly<Record<string, { readonly source: string; readonly spec: TemplateSpecification }>>;
