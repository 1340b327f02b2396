/**
 * Imported first by every entry point (src/main.ts, scripts/): drops ONE warning that is not ours
 * and that people can do nothing about, and keeps every other warning as Node prints it.
 *
 * DEP0111 "Access to process.binding('http_parser') is deprecated": restify 11 loads spdy, whose
 * dependency http-deceiver calls `process.binding('http_parser')` when it is loaded. patbot never
 * uses HTTP/2 through spdy; the warning appeared on every start and looked like our fault.
 */
export const SUPPRESSED_WARNING_CODES: ReadonlySet<string> = new Set(['DEP0111']);

function codeOf(args: unknown[]): string | undefined {
  const [warning, typeOrOptions, code] = args;
  if (warning instanceof Error && 'code' in warning) return String(warning.code);
  if (typeof typeOrOptions === 'object' && typeOrOptions !== null && 'code' in typeOrOptions)
    return String(typeOrOptions.code);
  return typeof code === 'string' ? code : undefined;
}

const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((...args: Parameters<typeof process.emitWarning>) => {
  const code = codeOf(args);
  if (code !== undefined && SUPPRESSED_WARNING_CODES.has(code)) return;
  emitWarning(...args);
}) as typeof process.emitWarning;
