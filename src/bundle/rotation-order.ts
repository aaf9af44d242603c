// Orders rotated log files oldest first: haproxy.log.3.gz, haproxy.log.2.gz, haproxy.log.1, haproxy.log.

/** logrotate's suffix number (`.1`, `.2.gz`); 0 for the live file; dated suffixes sort by their date text. */
function rotationKey(file: string): { base: string; index: number; dated: string } {
  const match = /^(.*?)(?:\.(\d+))?(?:\.gz)?$/.exec(file);
  const base = match?.[1] ?? file;
  const dated = /-(\d{8})(?:\.gz)?$/.exec(file)?.[1] ?? '';
  return { base: dated ? file.replace(/-\d{8}(\.gz)?$/, '') : base, index: match?.[2] ? Number(match[2]) : 0, dated };
}

export function inTimeOrder(files: string[]): string[] {
  return files
    .map((file, position) => ({ file, position, key: rotationKey(file) }))
    .sort((a, b) => {
      if (a.key.base !== b.key.base) return a.position - b.position;
      if (a.key.dated !== b.key.dated) return a.key.dated === '' ? 1 : b.key.dated === '' ? -1 : a.key.dated < b.key.dated ? -1 : 1;
      return b.key.index - a.key.index;
    })
    .map((entry) => entry.file);
}
