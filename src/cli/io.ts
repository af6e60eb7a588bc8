/**
 * Everything a command touches outside itself: its output streams, stdin, the environment, the working
 * directory and the platform. `main(argv, io)` takes one, so tests run the CLI in-process with captured
 * output, and the process entry (run.ts) passes the real ones.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { SelfCommand } from '../collect/inventory.js';

export interface Sink {
  /** Resolves once the text is handed to the OS; rejects with the stream's error (EPIPE, ENOSPC). */
  write(text: string): Promise<void>;
  isTTY: boolean;
  /** The terminal's width, when a terminal. */
  columns?: number | undefined;
}

export interface Io {
  stdout: Sink;
  stderr: Sink;
  stdin: Readable & { isTTY?: boolean; fd?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform: NodeJS.Platform;
  /**
   * How this program starts itself again (--inventory's child). The process entry knows it; an
   * in-process caller gives it, or goes without.
   */
  self?: SelfCommand;
}

/** A path the user typed, as this process opens it. */
export function resolvePath(io: Pick<Io, 'cwd'>, userPath: string): string {
  return path.resolve(io.cwd, userPath);
}

/** Writes `text` to stderr as one line (a newline is added when missing). */
export function log(io: Pick<Io, 'stderr'>, text: string): Promise<void> {
  return io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * A process stream as a Sink. A reader that went away (EPIPE: `| Select-Object -First 3`, `| head`) is
 * not an error: the rest of the output is dropped and the command still ends with its own exit code.
 */
function streamSink(stream: NodeJS.WriteStream): Sink {
  let closed = false;
  // Errors also arrive through each write's callback; this keeps them from being unhandled.
  stream.on('error', () => {});
  return {
    write: (text) =>
      new Promise((resolve, reject) => {
        if (text === '' || closed) return resolve();
        stream.write(text, (error) => {
          if (!error) return resolve();
          if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
            closed = true;
            return resolve();
          }
          reject(error);
        });
      }),
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY ? stream.columns : undefined;
    },
  };
}

/**
 * This process's own command: the executable alone when it is the single executable (hostprocess-doctor.exe,
 * a Node SEA), else Node and the script it was started with (bin/ or the bundle).
 */
export function selfCommand(): SelfCommand | undefined {
  const sea = process.getBuiltinModule?.('node:sea') as { isSea?: () => boolean } | undefined;
  if (sea?.isSea?.()) return { file: process.execPath, args: [] };
  const script = process.argv[1];
  return script ? { file: process.execPath, args: [script] } : undefined;
}

export function processIo(): Io {
  const self = selfCommand();
  return {
    stdout: streamSink(process.stdout),
    stderr: streamSink(process.stderr),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    ...(self ? { self } : {}),
  };
}
