// Turns an archive entry name into a safe POSIX path inside the bundle, or says why it is refused.

export type EntryPath = { ok: true; path: string } | { ok: false; reason: string };

export function normalizeEntryPath(name: string): EntryPath {
  if (name.includes('\0')) return { ok: false, reason: 'a NUL byte in the name' };
  // Zips made on Windows may use backslashes; either way a backslash is never a file name character we trust.
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return { ok: false, reason: 'an absolute path' };
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') return { ok: false, reason: 'a ".." path segment' };
    segments.push(segment);
  }
  if (segments.length === 0) return { ok: false, reason: 'an empty name' };
  return { ok: true, path: segments.join('/') };
}

/** Where a link named `linkPath` pointing at `target` lands, or undefined when it leaves the bundle. */
export function resolveLinkTarget(linkPath: string, target: string, relativeToLink: boolean): string | undefined {
  if (target.startsWith('/') || target.includes('\0')) return undefined;
  const segments = relativeToLink ? linkPath.split('/').slice(0, -1) : [];
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : undefined;
}
