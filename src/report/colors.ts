// Colour only when the output is a terminal and NO_COLOR is unset (picocolors decides; --no-color forces off).
import pc from 'picocolors';
import type { Severity } from '../model/finding.js';

export type Colors = ReturnType<typeof pc.createColors>;

export function createColors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

export function colorsEnabledByDefault(): boolean {
  return pc.isColorSupported && process.stdout.isTTY === true;
}

export function paintSeverity(colors: Colors, severity: Severity): string {
  const label = severity.toUpperCase();
  return severity === 'error' ? colors.red(colors.bold(label)) : severity === 'warning' ? colors.yellow(label) : colors.cyan(label);
}
