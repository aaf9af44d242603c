// What a command may touch: output streams and stdin, passed in so tests can run commands in-process.
import type { Colors } from '../report/colors.js';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether colour would be on before --no-color is applied. */
  colorDefault: boolean;
  colors: Colors;
  stdin: NodeJS.ReadableStream;
  stderrIsTty: boolean;
}

export type CommandValues = Record<string, string | boolean | string[] | undefined>;
