/** GitHub list pagination: `per_page` (default 30, max 100), `page`, and RFC 8288 `Link`. */
export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export function paginate<T>(items: readonly T[], requestUrl: URL): Page<T> {
  const perPage = Math.min(Math.max(Number(requestUrl.searchParams.get("per_page") ?? 30) || 30, 1), 100);
  const page = Math.max(Number(requestUrl.searchParams.get("page") ?? 1) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (target: number, rel: string): string => {
    const url = new URL(requestUrl);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(target));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
  if (page < lastPage) links.push(link(page + 1, "next"), link(lastPage, "last"));
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(", ") } : {},
  };
}
