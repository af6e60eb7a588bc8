/** Kept equal to package.json's version by test/version.test.ts; a constant keeps startup free of file reads. */
export const TOOL_NAME = 'hostprocess-doctor';
export const TOOL_VERSION = '0.1.0';
