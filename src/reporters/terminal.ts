/**
 * What the human reports share (the doctor's and explain's): marks, colours and word-wrapping.
 * Wrapping is for terminals only (a width is given); prose wraps, commands never do, so they paste whole.
 */

/** `?` is "could not tell": a group or a result the doctor could not judge, or a low-confidence match. */
export type Mark = 'pass' | 'warn' | 'fail' | 'skip' | 'error' | 'info' | 'unknown';

const UNICODE: Record<Mark, string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '-',
  error: '☠',
  info: '•',
  unknown: '?',
};
/** conhost's default fonts lack ✓ and ✗. */
const ASCII: Record<Mark, string> = { pass: '√', warn: '!', fail: 'X', skip: '-', error: 'E', info: '*', unknown: '?' };

const ANSI = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  dim: [2, 22],
  bold: [1, 22],
} as const;
export type Style = keyof typeof ANSI;

const MARK_STYLE: Record<Mark, Style> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  error: 'red',
  skip: 'dim',
  info: 'dim',
  unknown: 'yellow',
};

export interface PainterOptions {
  color?: boolean | undefined;
  asciiSymbols?: boolean | undefined;
}

export class Painter {
  private readonly symbols: Record<Mark, string>;
  constructor(private readonly options: PainterOptions) {
    this.symbols = options.asciiSymbols ? ASCII : UNICODE;
  }
  paint(style: Style, text: string): string {
    const [on, off] = ANSI[style];
    return this.options.color ? `\u001b[${on}m${text}\u001b[${off}m` : text;
  }
  bold(text: string): string {
    return this.paint('bold', text);
  }
  dim(text: string): string {
    return this.paint('dim', text);
  }
  mark(mark: Mark): string {
    return this.paint(MARK_STYLE[mark], this.symbols[mark]);
  }
  symbol(mark: Mark): string {
    return this.symbols[mark];
  }
  /** Colours the mark and the [id] of a (possibly wrapped) result line. */
  colourHead(text: string, mark: Mark, id: string): string {
    const symbol = this.symbols[mark];
    const at = text.indexOf(symbol);
    const marked = at < 0 ? text : `${text.slice(0, at)}${this.mark(mark)}${text.slice(at + symbol.length)}`;
    const tag = `[${id}]`;
    const end = marked.lastIndexOf(tag);
    return end < 0 ? marked : `${marked.slice(0, end)}${this.dim(tag)}${marked.slice(end + tag.length)}`;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI_CODE = /\u001b\[[0-9;]*m/g;

export const visibleLength = (text: string) => text.replace(ANSI_CODE, '').length;

/** Word-wraps `text` to `width` columns, indenting continuation lines by `indent`; no width, no wrap. */
export function wrap(text: string, width: number | undefined, indent: string): string {
  if (!width || width < 40) return text;
  const lead = /^ */.exec(text)?.[0] ?? '';
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (visibleLength(candidate) > width && line.trim() !== '') {
      out.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
  }
  out.push(line);
  return out.join('\n');
}

/** A labelled paragraph: the first line starts after `label`, the rest hang under it. */
export function paragraph(indent: string, label: string, text: string, width: number | undefined): string[] {
  const hanging = indent + ' '.repeat(label.length);
  return wrap(`${indent}${label}${text.split(/\s+/).filter(Boolean).join(' ')}`, width, hanging).split('\n');
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
