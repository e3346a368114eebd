/**
 * Page links for a list that keep the list's filters: `?q=loket&theme=services&page=3`. Shows the first
 * and last page, two pages either side of the current one, and gaps between them.
 */
export interface PageLink {
  number?: number;
  href?: string;
  current?: boolean;
  gap?: boolean;
}

export function presentPagination(path: string, params: Record<string, unknown>, page: number, pageSize: number, total: number) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const href = (n: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && v !== '' && k !== 'page') search.set(k, v);
    if (n > 1) search.set('page', String(n));
    const s = search.toString();
    return s ? `${path}?${s}` : path;
  };
  const links: PageLink[] = [];
  for (let n = 1; n <= last; n++) {
    if (n === 1 || n === last || Math.abs(n - page) <= 2) links.push({ number: n, href: href(n), current: n === page });
    else if (links.at(-1)?.gap !== true) links.push({ gap: true });
  }
  return {
    show: last > 1,
    links,
    prev: page > 1 ? href(Math.min(page - 1, last)) : null,
    next: page < last ? href(page + 1) : null,
    from: total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1),
    to: Math.min(total, page * pageSize),
    total,
  };
}
