/** Reading another process's CPU time and memory from /proc (Linux), without touching it. */
import { readFileSync, writeFileSync } from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every Linux build that matters). */
const CLK_TCK = 100;

/** utime + stime of `pid`, in ms; null when /proc is not readable. */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) in parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): utime is field 14, stime field 15.
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return ((utime + stime) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

function statusField(pid: number, field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Peak resident set size (VmHWM) in MB. */
export function procPeakRssMb(pid: number): number | null {
  return statusField(pid, 'VmHWM');
}

/** Current resident set size (VmRSS) in MB. */
export function procRssMb(pid: number): number | null {
  return statusField(pid, 'VmRSS');
}

/** Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`); false when not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every `everyMs` until stopped; returns the maximum seen (MB). */
export function rssSampler(pid: number, everyMs = 100): { stop(): number } {
  let max = procRssMb(pid) ?? 0;
  const timer = setInterval(() => {
    const v = procRssMb(pid);
    if (v !== null && v > max) max = v;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const v = procRssMb(pid);
      if (v !== null && v > max) max = v;
      return max;
    },
  };
}
