// Errors the CLI expects and prints as one line with exit code 2 (anything else is a crash).

export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
