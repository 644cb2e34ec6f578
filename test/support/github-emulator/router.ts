/**
 * Own routing for the implemented operations. GitHub accepts multi-segment params (`ref`,
 * `tree_sha`) both percent-encoded (`heads%2Ffeature%2Fx`, what Octokit sends) and with raw
 * slashes; openapi-backend only matches the former, so we match here and hand the validator a
 * canonical, fully encoded path.
 */
import { MULTI_SEGMENT_PARAMS, OPERATIONS } from "./operations.ts";
import type { Operation } from "./operations.ts";

export interface RouteMatch {
  operation: Operation;
  params: Record<string, string>;
  /** The operation's path with every param percent-encoded, for the OpenAPI validator. */
  canonicalPath: string;
}

interface CompiledRoute {
  operation: Operation;
  pattern: RegExp;
  names: string[];
}

function compile(operation: Operation): CompiledRoute {
  const names: string[] = [];
  const source = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return MULTI_SEGMENT_PARAMS.has(name) ? "(.+?)" : "([^/]+)";
  });
  return { operation, names, pattern: new RegExp(`^${source}/?$`) };
}

const ROUTES = OPERATIONS.map(compile);

export function matchRoute(method: string, pathname: string): RouteMatch | null {
  for (const route of ROUTES) {
    if (route.operation.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? "");
      });
    } catch {
      // A malformed percent-escape cannot name anything GitHub serves.
      return null;
    }
    const canonicalPath = route.operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ""));
    return { operation: route.operation, params, canonicalPath };
  }
  return null;
}
