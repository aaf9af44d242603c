// GitHub Actions workflow-command escaping, shared by every `--format github` reporter.
// The runner decodes these: data needs %, CR and LF encoded; properties also `:` and `,`, which delimit them.

export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
