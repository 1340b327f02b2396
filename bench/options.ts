/** Settings shared by every benchmark (full by default; `--quick` for a smoke run). */
export interface BenchOptions {
  quick: boolean;
  /** Start the bot/sweep child with `--cpu-prof`, profiles written to `profileDir`. */
  cpuProf: boolean;
  profileDir: string;
  /** Progress lines go here (stderr), so stdout carries only the Markdown. */
  log(message: string): void;
}

/** ADO simulator latency per call (the L). */
export const ADO_LATENCY_MS = 50;
