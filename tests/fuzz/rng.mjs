// A small seeded PRNG (sfc32), so that `--seed S` replays a run and `--seed S --case K` replays
// one case: every case gets its own generator derived from (seed, case number), independent of
// what the cases before it consumed.

/** Mixes two 32-bit numbers into one (splitmix32-style finaliser). */
function mix(a, b) {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  constructor(seed, stream = 0) {
    this.a = mix(seed, stream);
    this.b = mix(this.a, 1);
    this.c = mix(this.b, 2);
    this.d = mix(this.c, 3);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float() {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n) {
    return n <= 0 ? 0 : Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p) {
    return this.float() < p;
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  /** Picks from `[[weight, value], ...]`; a function value is called with the rng. */
  weighted(table) {
    let total = 0;
    for (const [w] of table) total += w;
    let x = this.float() * total;
    for (const [w, value] of table) {
      x -= w;
      if (x < 0) return typeof value === "function" ? value(this) : value;
    }
    const last = table[table.length - 1][1];
    return typeof last === "function" ? last(this) : last;
  }

  /** A random subset of `items`, in random order. */
  subset(items, p = 0.5) {
    return this.shuffle(items.filter(() => this.chance(p)));
  }

  shuffle(items) {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A random BigInt in [0, 2^bits). */
  bigint(bits) {
    let n = 0n;
    for (let i = 0; i < bits; i += 32) n = (n << 32n) | BigInt(this.u32());
    return n & ((1n << BigInt(bits)) - 1n);
  }
}

/** The generator for case `index` of the run with `seed`. */
export const caseRng = (seed, index) => new Rng(seed, index + 1);
