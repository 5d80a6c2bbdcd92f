import fs from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 per second on every common kernel configuration. */
const ticksPerSecond = 100;

export interface ProcessUsage {
  /** Peak resident set size, MiB. */
  peakRssMiB: number;
  /** Mean CPU use over the sampled window, in % of one core (200 % = both cores busy). */
  meanCpuPercent: number;
  peakCpuPercent: number;
}

function cpuTicks(pid: number): number {
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kib === undefined ? 0 : Number(kib) / 1024;
}

/** Samples another process's memory and CPU from /proc every `intervalMs` until stopped. */
export function sampleProcess(pid: number, intervalMs = 500): { stop(): ProcessUsage } {
  const startTicks = cpuTicks(pid);
  const startedAt = performance.now();
  let lastTicks = startTicks;
  let lastAt = startedAt;
  let peakRss = rssMiB(pid);
  let peakCpu = 0;
  const timer = setInterval(() => {
    try {
      const ticks = cpuTicks(pid);
      const now = performance.now();
      peakCpu = Math.max(peakCpu, cpuPercent(ticks - lastTicks, now - lastAt));
      peakRss = Math.max(peakRss, rssMiB(pid));
      lastTicks = ticks;
      lastAt = now;
    } catch {
      // The process ended; the last samples stand.
      clearInterval(timer);
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      let ticks = lastTicks;
      try {
        ticks = cpuTicks(pid);
      } catch {
        // Ended: use the last sample.
      }
      return {
        peakRssMiB: peakRss,
        meanCpuPercent: cpuPercent(ticks - startTicks, performance.now() - startedAt),
        peakCpuPercent: peakCpu,
      };
    },
  };
}

function cpuPercent(ticks: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? 0 : (100 * ticks) / ticksPerSecond / (elapsedMs / 1000);
}
