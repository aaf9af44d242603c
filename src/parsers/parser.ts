// The contract every artifact parser implements: recognise its kind, parse text totally.
import type { ParseOutput } from '../model/diagnostic.js';

export interface ArtifactParser<T = unknown> {
  /** Stable kind id, used by `parse --kind` and in `artifacts[].kind`. */
  kind: string;
  /** One line for `parse --help` and docs. */
  description: string;
  /**
   * fast-glob patterns matched against the path relative to a host root
   * (e.g. `commands/ss_-tulpn*`, `sos_commands/networking/ss_*`). Matching is case-sensitive, dot files included.
   */
  pathPatterns: string[];
  /**
   * Recognise the kind from the first few KiB of text when the path says nothing.
   * Must be cheap and specific: a false positive turns someone's file into garbage diagnostics.
   */
  sniff(head: string): boolean;
  /**
   * True when empty output is a real answer (iptables-save and nft print nothing when no rule is loaded);
   * otherwise an empty file is a failed artifact (a command that produced nothing).
   */
  acceptsEmpty?: boolean;
  /** Total: any text in, value + diagnostics out; never throws, never loops on input. */
  parse(text: string): ParseOutput<T>;
}
