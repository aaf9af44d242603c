// Where a fact came from: every record a parser emits can be traced to a bundle line.

/** A line of the bundle: host folder name, POSIX path relative to the host root, 1-based line. */
export interface Provenance {
  host: string;
  path: string;
  line: number;
}

/** An evidence line as reports show it: provenance plus the line's text (already redacted). */
export interface Evidence extends Provenance {
  text: string;
}
