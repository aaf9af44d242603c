// Tool name and version, injected at build time so the bundled CLI never reads package.json at run time.
declare const __TOOL_VERSION__: string | undefined;

export const TOOL_NAME = 'haproxy-doctor';
export const TOOL_VERSION: string = typeof __TOOL_VERSION__ === 'string' ? __TOOL_VERSION__ : '0.0.0-dev';
