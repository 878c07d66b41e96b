// Small helpers shared by the benchmarks (not a bench itself: no `.bench.ts`).

/** The median of the runs (the upper middle of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

/** The process's peak resident memory so far. */
export const peakRss = (): string => mb(process.resourceUsage().maxRSS * 1024);

/** Waits until `vite preview` (started by a browser bench) answers at `url`. */
export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}
