/**
 * Writes a file so that a reader (windows_exporter's textfile collector, scraping at any moment) sees the
 * old content or the new, never a part: write a temporary file in the same directory, flush it to disk,
 * then rename it over the target. The temporary name does not end in `.prom`, so the collector, which
 * reads only `*.prom`, never picks it up. Text is written as given: UTF-8 without a BOM.
 *
 * On Windows a rename over a file that a reader has open without FILE_SHARE_DELETE fails with EPERM,
 * EACCES or EBUSY; those are retried for a short while, as the reader closes the file within milliseconds.
 */
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The file windows_exporter reads; its textfile collector takes only names ending in `.prom`. */
export const TEXTFILE_NAME = 'hostprocess_doctor.prom';

const RETRYABLE = new Set(['EPERM', 'EACCES', 'EBUSY']);

export interface AtomicWriteOptions {
  /** Total time to keep retrying a rename that a reader blocks. */
  retryForMs?: number;
  /** For tests: the rename to use. */
  renameFile?: (from: string, to: string) => Promise<void>;
}

export class TextfileError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'TextfileError';
  }
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Throws TextfileError naming the directory when it is missing or not a directory. */
export async function checkDirectory(dir: string): Promise<void> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new TextfileError(`${dir} is not a directory`, 'ENOTDIR');
  } catch (error) {
    if (error instanceof TextfileError) throw error;
    const code = codeOf(error);
    throw new TextfileError(
      code === 'ENOENT' ? `${dir} does not exist` : `cannot use ${dir}: ${code ?? (error as Error).message}`,
      code,
    );
  }
}

export async function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const renameFile = options.renameFile ?? rename;
  const retryForMs = options.retryForMs ?? 2000;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    const deadline = Date.now() + retryForMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await renameFile(temp, file);
        return;
      } catch (error) {
        if (!RETRYABLE.has(codeOf(error) ?? '') || Date.now() >= deadline) throw error;
        await sleep(Math.min(20 * 2 ** attempt, 200));
      }
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = codeOf(error);
    throw new TextfileError(`cannot write ${file}: ${code ?? (error as Error).message}`, code);
  }
}
