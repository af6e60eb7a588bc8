/**
 * Writing to stdout and stderr, with nothing else imported: main.ts uses these on the --version path,
 * which must stay free of heavy modules (startup time is felt on a node, where Defender scans every file).
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') return resolve();
    process.stdout.write(text, () => resolve());
  });
}

export function writeStderr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
