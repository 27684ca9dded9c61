/** One printed figure. Figures are reported, never asserted: `target` is only shown beside the value. */
export type Figure = { bench: string; figure: string; value: string; target?: string };

/** Nearest-rank percentile of samples (any order). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const ms = (n: number) => n.toFixed(3);

/** p50/p95/p99 of latencies in milliseconds as figures; the p95 carries the target. */
export function latencyFigures(bench: string, samples: readonly number[], p95Target: string): Figure[] {
  return [
    { bench, figure: "samples", value: String(samples.length) },
    { bench, figure: "p50 ms", value: ms(percentile(samples, 50)) },
    { bench, figure: "p95 ms", value: ms(percentile(samples, 95)), target: p95Target },
    { bench, figure: "p99 ms", value: ms(percentile(samples, 99)) },
    { bench, figure: "max ms", value: ms(Math.max(...samples)) },
  ];
}

/** Runs `fn(i)` `warmup` times untimed, then `runs` times one after another; returns the latencies in ms. */
export async function timeSequential(runs: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function printTable(figures: readonly Figure[]) {
  const header: Figure = { bench: "bench", figure: "figure", value: "value", target: "target" };
  const rows = [header, ...figures];
  const width = (k: keyof Figure) => Math.max(...rows.map((r) => [...(r[k] ?? "")].length));
  const [wb, wf, wv] = [width("bench"), width("figure"), width("value")];
  const line = (r: Figure) => `${r.bench.padEnd(wb)}  ${r.figure.padEnd(wf)}  ${r.value.padStart(wv)}  ${r.target ?? ""}`.trimEnd();
  console.log(line(header));
  console.log("-".repeat(wb + wf + wv + 14));
  for (const r of figures) console.log(line(r));
}
