const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[91m'];
const RESET = '\x1b[0m';
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** Turns one JSON log line of a service into a short readable line; other text passes through. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
    const level = LEVELS[Number(entry.level)] ?? String(entry.level);
    const extra: string[] = [];
    const res = entry.res as { statusCode?: number } | undefined;
    if (typeof entry.responseTime === 'number') extra.push(`${entry.responseTime}ms`);
    const err = entry.err as { message?: string } | undefined;
    if (err?.message) extra.push(`(${err.message})`);
    if (res && !String(entry.msg).includes(String(res.statusCode))) extra.push(String(res.statusCode));
    return `${time} ${level} ${entry.msg ?? ''}${extra.length ? ` ${extra.join(' ')}` : ''}`;
  } catch {
    return line;
  }
}

/** A writer that prefixes each line with a coloured, padded service name. */
export function prefixer(name: string, index: number, width: number, color: boolean): (line: string) => string {
  const label = name.padEnd(width);
  const tint = COLORS[index % COLORS.length] ?? '';
  return (line) => (color ? `${tint}${label}${RESET} | ${line}` : `${label} | ${line}`);
}
