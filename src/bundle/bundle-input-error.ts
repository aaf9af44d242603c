// The one error bundle intake throws: the input as a whole cannot be read (the CLI prints it, exit 2).
export class BundleInputError extends Error {}
