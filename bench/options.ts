/** Settings shared by every benchmark (full by default; `--quick` for a smoke run). */
export interface BenchOptions {
  quick: boolean;
  /** Start the bot/sweep child with `--cpu-prof`, profiles written to `profileDir`. */
  cpuProf: boolean;
  profileDir: string;
  /** Sweep: `--store` (default sqlite; postgres runs bench/sweep-scale.ts). */
  store?: 'sqlite' | 'postgres';
  /** Sweep: `--instances N` sweep processes on one PostgreSQL database (default 1). */
  instances?: number;
  /** Sweep: `--users N` instead of 10,000 (1,000 with --quick). */
  users?: number;
  /** Progress lines go here (stderr), so stdout carries only the Markdown. */
  log(message: string): void;
}

/** ADO simulator latency per call (the L). */
export const ADO_LATENCY_MS = 50;
