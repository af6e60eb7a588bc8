/**
 * Wrapping text the way consoles do, for the wrapped-line tests.
 */

/** A terminal: hard cut every `width` characters, mid-word, nothing added. */
export function hardWrap(text: string, width: number): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    for (let i = 0; i < Math.max(line.length, 1); i += width) lines.push(line.slice(i, i + width));
  }
  return lines.join('\n');
}

/**
 * PowerShell's error view and most pagers: break at a space no later than `width`. With `keepSpace`
 * the space stays at the end of the first line (as in the k8s-78925 corpus file); without it the
 * space is lost, as when a copy from a terminal trims trailing blanks.
 */
export function wordWrap(text: string, width: number, keepSpace = true): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) cut = width;
      out.push(keepSpace ? rest.slice(0, cut + 1) : rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    out.push(rest);
  }
  return out.join('\n');
}

/** Every console wrapping of a text at 80 and 120 columns. */
export function wrappings(text: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const width of [80, 120]) {
    out.push({ name: `hard-wrapped at ${width}`, text: hardWrap(text, width) });
    out.push({ name: `word-wrapped at ${width}`, text: wordWrap(text, width, true) });
    out.push({ name: `word-wrapped at ${width}, spaces lost`, text: wordWrap(text, width, false) });
    out.push({ name: `word-wrapped at ${width}, CRLF`, text: wordWrap(text, width, true).replace(/\n/g, '\r\n') });
  }
  return out;
}
