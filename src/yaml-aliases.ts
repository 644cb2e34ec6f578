// The one YAML alias guard's parts, for specs (src/load) and for manifests read back (src/topology).

/** More aliases than a spec or a manifest needs: the shape of a billion-laughs file. */
export const MAX_ALIASES = 100;

const ALIAS = /(?:^|[\s,[{:-])\*[^\s,[\]{}]+/g;

/** How many aliases (`*name`) the text appears to use; a token inside a string may count too, which only errs on the guarded side. */
export function aliasCount(text: string): number {
  return text.match(ALIAS)?.length ?? 0;
}
