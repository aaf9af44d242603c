// What lint may learn about the machine it runs on, when asked (--check-host): which files exist, small file contents,
// users and groups. An interface, so lintSources() stays free of the file system and tests can give a fake host.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface HostView {
  /** The directory relative paths resolve against, as haproxy's working directory. */
  cwd: string;
  kind(file: string): 'file' | 'dir' | undefined;
  /** A small file's text (certificates, keys); undefined when it cannot be read. */
  read(file: string): string | undefined;
  /** Whether the user or group exists; undefined when the host's databases cannot be read. */
  hasUser(name: string): boolean | undefined;
  hasGroup(name: string): boolean | undefined;
}

/** Certificates and keys are small; a larger file is read no further than this. */
const MAX_READ = 1 << 20;

/** The local machine, through /etc/passwd and /etc/group (users from LDAP or other NSS sources are not seen). */
export function localHost(cwd = process.cwd()): HostView {
  const names = (file: string) => {
    try {
      return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.split(':')[0]!).filter(Boolean));
    } catch {
      return undefined;
    }
  };
  let users: Set<string> | undefined | null = null;
  let groups: Set<string> | undefined | null = null;
  return {
    cwd,
    kind(file) {
      try {
        const info = statSync(path.resolve(cwd, file));
        return info.isDirectory() ? 'dir' : 'file';
      } catch {
        return undefined;
      }
    },
    read(file) {
      try {
        const text = readFileSync(path.resolve(cwd, file));
        return text.subarray(0, MAX_READ).toString('latin1');
      } catch {
        return undefined;
      }
    },
    hasUser(name) {
      if (users === null) users = names('/etc/passwd');
      return users?.has(name);
    },
    hasGroup(name) {
      if (groups === null) groups = names('/etc/group');
      return groups?.has(name);
    },
  };
}
