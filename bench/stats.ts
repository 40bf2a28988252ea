/** Nearest-rank percentile over recorded samples (autocannon's own histogram has no p95). */
export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

export interface LoadFigures {
  label: string;
  requests: number;
  durationS: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function formatTable(rows: LoadFigures[]): string {
  const header = ["", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests", "errors", "non-2xx"];
  const lines = rows.map((r) => [
    r.label,
    r.perSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    String(r.requests),
    String(r.errors),
    String(r.non2xx),
  ]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [render(header), ...lines.map(render)].join("\n");
}
