/**
 * Strings a pattern matches, built at random from its source: for testing the matcher's anchors (every
 * match holds one) and for adversarial near-misses. Best effort over the RegExp syntax the catalogue
 * uses; every string returned is checked against the pattern itself.
 */

export type Random = () => number;

/** A seeded PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function random(seed: number): Random {
  let x = seed | 0;
  return () => {
    x = (x + 0x6d2b79f5) | 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
export const int = (rnd: Random, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

class Sampler {
  private i = 0;
  private lookaround = 0;
  /**
   * `longest`: every quantifier at its maximum and the longest alternative, for the longest text the
   * pattern can match (an unbounded quantifier outside a lookaround throws UNBOUNDED).
   */
  constructor(
    private readonly src: string,
    private readonly flags: string,
    private readonly rnd: Random,
    private readonly longest = false,
  ) {}

  run(): string {
    const out = this.alternation();
    if (this.i !== this.src.length) throw new Error('unbalanced');
    return out;
  }

  private peek(o = 0) {
    return this.src[this.i + o] ?? '';
  }

  private alternation(): string {
    const alternatives: number[] = [this.i];
    // Find the alternatives' starts at this depth without generating, then generate one.
    let depth = 0;
    let j = this.i;
    for (; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === '\\') j += 1;
      else if (c === '[') {
        j += 1;
        if (this.src[j] === '^') j += 1;
        while (j < this.src.length && this.src[j] !== ']') j += this.src[j] === '\\' ? 2 : 1;
      } else if (c === '(') depth += 1;
      else if (c === ')') {
        if (depth === 0) break;
        depth -= 1;
      } else if (c === '|' && depth === 0) alternatives.push(j + 1);
    }
    const end = j;
    let out = '';
    for (const start of this.longest ? alternatives : [pick(this.rnd, alternatives)]) {
      this.i = start;
      const one = this.sequence();
      if (one.length >= out.length) out = one;
    }
    this.i = end;
    return out;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const startAtom = this.i;
      this.atom();
      const endAtom = this.i;
      const { min, max } = this.quantifier();
      const count = this.longest
        ? this.longestCount(min, max)
        : min + Math.floor(this.rnd() * (Math.min(max, min + 3) - min + 1));
      const endQuant = this.i;
      for (let k = 0; k < count; k++) {
        this.i = startAtom;
        out += this.atom();
      }
      if (count === 0) this.i = endAtom;
      this.i = endQuant;
    }
    return out;
  }

  private longestCount(min: number, max: number): number {
    if (Number.isFinite(max)) return max;
    // Inside a lookaround the text is not part of the match: any count will do.
    if (this.lookaround > 0) return min;
    throw new Error(UNBOUNDED);
  }

  private flipCase(c: string): string {
    if (!this.flags.includes('i')) return c;
    return this.rnd() < 0.5 ? c.toUpperCase() : c.toLowerCase();
  }

  private atom(): string {
    const c = this.peek();
    this.i += 1;
    if (c === '\\') return this.escape();
    if (c === '[') return this.klass();
    if (c === '(') return this.group();
    if (c === '.') return this.flipCase(pick(this.rnd, ['a', 'x', 'q', '7', '-', ' ']));
    if (c === '^' || c === '$') return '';
    return this.flipCase(c);
  }

  private escape(): string {
    const c = this.peek();
    this.i += 1;
    switch (c) {
      case 'b':
      case 'B':
        return '';
      case 'd':
        return String(int(this.rnd, 0, 9));
      case 'D':
      case 'S':
        return 'a';
      case 'w':
        return pick(this.rnd, ['a', 'Z', '5', '_']);
      case 'W':
        return pick(this.rnd, ['-', ' ', '"', '\\']);
      case 's':
        return ' ';
      case 'x': {
        const code = Number.parseInt(this.src.slice(this.i, this.i + 2), 16);
        this.i += 2;
        return String.fromCharCode(code);
      }
      case 'u': {
        const code = Number.parseInt(this.src.slice(this.i, this.i + 4), 16);
        this.i += 4;
        return String.fromCharCode(code);
      }
      default:
        if (c >= '1' && c <= '9') throw new Error('backreference');
        return this.flipCase(c);
    }
  }

  private klass(): string {
    const start = this.i - 1;
    if (this.peek() === '^') this.i += 1;
    while (this.i < this.src.length && this.peek() !== ']') this.i += this.peek() === '\\' ? 2 : 1;
    this.i += 1;
    const re = new RegExp(`^${this.src.slice(start, this.i)}$`, this.flags.replace(/[gy]/g, ''));
    const offset = Math.floor(this.rnd() * PRINTABLE.length);
    for (let k = 0; k < PRINTABLE.length; k++) {
      const c = PRINTABLE[(offset + k) % PRINTABLE.length] as string;
      if (re.test(c)) return c;
    }
    throw new Error('class with no printable member');
  }

  private group(): string {
    let lookaround = false;
    if (this.peek() === '?') {
      if (this.peek(1) === ':') this.i += 2;
      else if (this.peek(1) === '=' || this.peek(1) === '!') {
        this.i += 2;
        lookaround = true;
      } else if (this.peek(1) === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.i += 3;
        lookaround = true;
      } else if (this.peek(1) === '<') this.i = this.src.indexOf('>', this.i) + 1;
    }
    if (lookaround) this.lookaround += 1;
    const out = this.alternation();
    if (lookaround) this.lookaround -= 1;
    this.i += 1; // ')'
    return lookaround ? '' : out;
  }

  private quantifier(): { min: number; max: number } {
    const c = this.peek();
    let q = { min: 1, max: 1 };
    if (c === '*') q = { min: 0, max: Number.POSITIVE_INFINITY };
    else if (c === '+') q = { min: 1, max: Number.POSITIVE_INFINITY };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY };
      this.i += m[0].length - 1;
    } else return q;
    this.i += 1;
    if (this.peek() === '?') this.i += 1;
    return q;
  }
}

const UNBOUNDED = 'unbounded quantifier';

/**
 * The most characters a match of `re` can hold (Infinity when a quantifier outside a lookaround is
 * unbounded): the sampler with every quantifier at its maximum and the longest alternative.
 */
export function longestMatchLength(re: RegExp): number {
  try {
    return new Sampler(re.source, re.flags, random(0), true).run().length;
  } catch (error) {
    if ((error as Error).message === UNBOUNDED) return Number.POSITIVE_INFINITY;
    throw error;
  }
}

/** A string `re` matches (whole), or undefined when none was found in a few tries. */
export function sampleOf(re: RegExp, rnd: Random): string | undefined {
  const check = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  for (let attempt = 0; attempt < 20; attempt++) {
    let s: string;
    try {
      s = new Sampler(re.source, re.flags, rnd).run();
    } catch {
      return undefined;
    }
    if (check.test(s)) return s;
  }
  return undefined;
}
