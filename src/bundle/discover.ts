// Gives every bundle file a kind: by its path first (fast to decide, survives empty files), then by content.
import picomatch from 'picomatch';
import { looksBinary } from '../model/text-lines.js';
import type { ArtifactParser } from '../parsers/parser.js';
import type { BundleFile } from './bundle.js';

export const SNIFF_BYTES = 8192;

export interface DiscoveredFile {
  file: BundleFile;
  /** undefined: no parser recognised it. */
  kind?: string;
  how: 'path' | 'content' | 'none';
  binary: boolean;
}

export async function discoverKinds(files: BundleFile[], parsers: readonly ArtifactParser[]): Promise<DiscoveredFile[]> {
  const matchers = parsers.map((parser) => ({ kind: parser.kind, sniff: parser.sniff, matches: picomatch(parser.pathPatterns, { dot: true }) }));
  const discovered: DiscoveredFile[] = [];
  for (const file of files) {
    const head = await readHead(file);
    const binary = looksBinary(head);
    const byPath = matchers.find((matcher) => matcher.matches(file.path));
    if (byPath) {
      discovered.push({ file, kind: byPath.kind, how: 'path', binary });
      continue;
    }
    const byContent = binary ? undefined : matchers.find((matcher) => safeSniff(matcher.sniff, head));
    discovered.push(byContent ? { file, kind: byContent.kind, how: 'content', binary } : { file, how: 'none', binary });
  }
  return discovered;
}

function safeSniff(sniff: (head: string) => boolean, head: string): boolean {
  try {
    return sniff(head);
  } catch {
    return false;
  }
}

async function readHead(file: BundleFile): Promise<string> {
  try {
    return (await file.readHead(SNIFF_BYTES)).toString('utf8');
  } catch {
    return '';
  }
}
