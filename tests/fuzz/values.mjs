// Random JS values, each as `{ v, d, ok }`: the value, a short description for failure reports
// (made while building, so describing never runs a getter or a Proxy trap), and, when generated
// for a field, whether the package must accept it (true), must refuse it (false) or may do either
// (undefined).

/** Values that fuzz inputs throw, so a report can say "the input's own exception escaped". */
export const THROWN_BY_INPUT = new WeakSet();

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const I64_MAX = 2n ** 63n - 1n;

// Big values are built once and shared: building a few MB per case would dominate the run time.
const cache = new Map();
const cached = (key, build) => (cache.has(key) ? cache.get(key) : (cache.set(key, build()), cache.get(key)));

export const bigString = (n, unit = "a") => cached(`s${n}${unit}`, () => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

function nested(depth, kind) {
  return cached(`n${depth}${kind}`, () => {
    let v = kind === "array" ? [] : {};
    for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
    return v;
  });
}

const val = (v, d = null, ok = undefined) => ({ v, d, ok });

/** Describes a plain value briefly (only for values this module built, never hostile ones). */
export function show(v, depth = 0) {
  switch (typeof v) {
    case "string":
      return v.length > 40 ? `${JSON.stringify(v.slice(0, 20))}…(${v.length} chars)` : JSON.stringify(v);
    case "bigint":
      return `${v}n`;
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "undefined":
      return "undefined";
    case "symbol":
      return v.toString();
    case "function":
      return "function";
    case "object": {
      if (v === null) return "null";
      if (depth > 2) return "…";
      if (Array.isArray(v)) {
        if (v.length > 6) return `[${v.slice(0, 3).map((x) => show(x, depth + 1)).join(", ")}, …(${v.length} items)]`;
        return `[${v.map((x) => show(x, depth + 1)).join(", ")}]`;
      }
      const keys = Object.keys(v);
      const body = keys.slice(0, 6).map((k) => `${JSON.stringify(k)}: ${show(v[k], depth + 1)}`);
      if (keys.length > 6) body.push(`…(${keys.length} keys)`);
      return `{${body.join(", ")}}`;
    }
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Strings

const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\udc00\ud800",
  "\ud83d\ude00",
  "\ufeff",
  "\uffff",
  "\ufffe",
  "\u2028\u2029",
  "\u200b",
  "e\u0301",
  "\u202e",
  "\n\r\t\b\f",
  '"\\',
  "null",
  "true",
  "1",
  "-1",
  "1e3",
  "NaN",
  "__proto__",
  "constructor",
  "toString",
  "\u0000undefined",
  "{}",
  "[]",
  '{"\\u0000":"undefined"}',
  "https://example.com",
  "https://example.com/app",
  "chrome-extension://abcdef",
  "capacitor://localhost",
  "http://localhost:3000",
  "http://[::1]:8080",
  "https://exa mple.com",
  "javascript:alert(1)",
  "support@example.com",
  "a@b",
  "@example.com",
  "foo",
  "US",
  "us",
  "USA",
  "password",
  "otp",
  "automatic_invitation",
  "ｕｓ",
  "İ",
  "ß",
  "\u{10ffff}",
];

export function randomString(rng, { wellFormed = false, maxLen = 24 } = {}) {
  const len = rng.int(maxLen + 1);
  let s = "";
  for (let i = 0; i < len; i++) {
    s += rng.weighted([
      [50, () => String.fromCharCode(rng.range(0x61, 0x7a))],
      [15, () => String.fromCharCode(rng.range(0x20, 0x7e))],
      [5, () => String.fromCharCode(rng.range(0, 0x1f))],
      [8, () => String.fromCharCode(rng.range(0xa0, 0x2fff))],
      [5, () => String.fromCodePoint(rng.range(0x10000, 0x10ffff))],
      [wellFormed ? 0 : 3, () => String.fromCharCode(rng.range(0xd800, 0xdfff))],
      [2, () => rng.pick(["\u2028", "\ufeff", "\u200d", "\ufffd", "\\", '"', "/"])],
    ]);
  }
  return s;
}

export function hostileString(rng) {
  return rng.weighted([
    [40, () => val(randomString(rng), null)],
    [30, () => val(rng.pick(ODD_STRINGS), null)],
    [1, () => ({ ...val(bigString(1 << 20, "x"), "'x' × 1 MiB"), big: true })],
    [1, () => ({ ...val(bigString((1 << 20) + 7, "é"), "'é' × 1 MiB+7"), big: true })],
    [0.5, () => ({ ...val(bigString(3 << 20, "ab"), "'ab' × 3 MiB"), big: true })],
    [0.5, () => val(bigString(1 << 19, "\ud800"), "'\\ud800' × 512 Ki")],
    [1, () => val(bigString(rng.range(1000, 70000), "\ud83d\ude00"), "emoji × many")],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Hostile values of any type

const NUMBERS = [0, -0, 1, -1, 0.5, 3.5, -2.5, NaN, Infinity, -Infinity, MAX_SAFE, MAX_SAFE + 1, MAX_SAFE + 2, -MAX_SAFE,
  2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e21, 1e300, 5e-324, Number.MAX_VALUE, Number.EPSILON, 4294967296, 2147483648, 1.0000000000000002];
const BIGINTS = [0n, 1n, -1n, I64_MAX, I64_MAX + 1n, -(2n ** 63n), 2n ** 64n, 10n ** 30n, -(10n ** 40n), BigInt(MAX_SAFE) + 2n];

/** A value that throws when read, or is thrown: the nastier the better. */
export function thrownValue(rng) {
  const made = rng.weighted([
    [3, () => val(new Error("boom"), "Error")],
    [2, () => val(new TypeError("type boom"), "TypeError")],
    [1, () => val(new RangeError("range boom"), "RangeError")],
    [2, () => val("a string", '"a string"')],
    [1, () => val(undefined, "undefined")],
    [1, () => val(null, "null")],
    [1, () => val(42, "42")],
    [1, () => val(Symbol("thrown"), "Symbol")],
    [2, () => val(Object.create(null), "Object.create(null)")],
    [2, () => val({ get message() { throw new Error("message getter"); } }, "{get message() throws}")],
    [2, () => val({ message: Object.create(null) }, "{message: Object.create(null)}")],
    [1, () => val({ message: Symbol("m") }, "{message: Symbol}")],
    [1, () => val({ toString() { throw new Error("toString"); } }, "{toString() throws}")],
    [1, () => {
      const p = Proxy.revocable({}, {});
      p.revoke();
      return val(p.proxy, "revoked Proxy");
    }],
    [1, () => val(new Error(bigString(2 << 20, "m")), "Error with a 2 MiB message")],
    [1, () => val(new Error("\ud800 lone"), "Error with a lone surrogate")],
  ]);
  if (made.v !== null && (typeof made.v === "object" || typeof made.v === "function")) THROWN_BY_INPUT.add(made.v);
  // Values that `String(x.message ?? x)` cannot turn into text (see --skip throw-non-error).
  try {
    String(made.v?.message ?? made.v);
  } catch {
    made.unconvertible = true;
  }
  return made;
}

function throwingGetter(rng) {
  const t = thrownValue(rng);
  const o = {};
  Object.defineProperty(o, "x", { enumerable: true, get() { throw t.v; } });
  return { v: o, d: `{get x() throws ${t.d}}`, t: "plain", poison: true, unconvertible: t.unconvertible };
}

class Thing {
  constructor() {
    this.testMode = true;
  }
}

/**
 * Any JS value, weighted towards the ones that break serializers. Besides `v` and `d`, objects
 * carry `t` (what the package should see: "plain", "array", "exotic" for a class instance,
 * "proxy", "toJSON", "marker" for a forged marker), `items` for arrays, `poison` when reading it
 * throws (so the whole params are unreadable) and `big` when its JSON passes 1 MiB.
 */
export function hostile(rng, depth = 0) {
  const deeper = depth < 3;
  const exotic = (v, d) => ({ v, d, t: "exotic" });
  return rng.weighted([
    [6, () => val(rng.chance(0.5), null)],
    [6, () => val(rng.pick(NUMBERS), null)],
    [3, () => val(rng.range(-1000, 1e6) + (rng.chance(0.3) ? rng.float() : 0), null)],
    [4, () => val(rng.pick(BIGINTS), null)],
    [2, () => val(rng.bigint(rng.pick([8, 53, 63, 64, 100])) * (rng.chance(0.2) ? -1n : 1n), null)],
    [10, () => hostileString(rng)],
    [4, () => val(null, null)],
    [4, () => val(undefined, null)],
    [2, () => val(rng.pick([Symbol(), Symbol.iterator, Symbol.for("fuzz")]), "Symbol")],
    [2, () => val(rng.pick([() => true, async () => 1, class A {}, Math.max, Function.prototype.bind.call(() => 1, null)]), "function")],
    [1, () => exotic(rng.chance(0.5) ? new Date(0) : new Date(NaN), "Date")],
    [1, () => exotic(new Map([["testMode", true]]), "Map")],
    [1, () => exotic(new Set(["a"]), "Set")],
    [1, () => exotic(/re/g, "RegExp")],
    [1, () => exotic(new Error("e"), "Error")],
    [1, () => exotic(rng.pick([new Boolean(true), new Number(1), new String("s"), Object(1n), Object(Symbol())]), "boxed primitive")],
    [1, () => exotic(Promise.resolve(true), "Promise")],
    [1, () => exotic(rng.pick([new Uint8Array(4), new ArrayBuffer(8), new DataView(new ArrayBuffer(2)), new Float64Array([NaN])]), "binary")],
    [1, () => exotic(new Thing(), "class instance")],
    [1, () => exotic(new WeakMap(), "WeakMap")],
    [1, () => exotic(globalThis, "globalThis")],
    [1, () => exotic(new AbortController().signal, "AbortSignal")],
    [deeper ? 6 : 0, () => {
      const n = rng.range(0, 4);
      const items = Array.from({ length: n }, () => hostile(rng, depth + 1));
      const any = (flag) => items.some((x) => x[flag]);
      return { v: items.map((x) => x.v), d: `[${items.map(desc).join(", ")}]`, t: "array", items, poison: any("poison"), big: any("big"), unconvertible: any("unconvertible"), deep: any("deep") };
    }],
    [deeper ? 6 : 0, () => {
      const n = rng.range(0, 4);
      const o = rng.chance(0.2) ? Object.create(null) : {};
      const parts = [];
      let poison = false;
      let big = false;
      let unconvertible = false;
      let deep = false;
      for (let i = 0; i < n; i++) {
        const k = rng.chance(0.7) ? randomString(rng, { maxLen: 8 }) : rng.pick(ODD_STRINGS);
        const x = hostile(rng, depth + 1);
        Object.defineProperty(o, k, { value: x.v, enumerable: true, writable: true, configurable: true });
        parts.push(`${JSON.stringify(k)}: ${desc(x)}`);
        // An undefined, function or symbol member is not read in a way that can throw or grow.
        poison ||= !!x.poison;
        big ||= !!x.big;
        unconvertible ||= !!x.unconvertible;
        deep ||= !!x.deep;
      }
      return { v: o, d: `{${parts.join(", ")}}`, t: "plain", poison, big, unconvertible, deep };
    }],
    [1, () => ({ v: [1, , 3], d: "[1, <hole>, 3]", t: "array", items: [val(1), val(undefined), val(3)] })],
    [1, () => ({ v: new Array(5), d: "Array(5) of holes", t: "array", items: Array.from({ length: 5 }, () => val(undefined)) })],
    // Just over 1 MiB as JSON, with few elements: every element costs a replacer call.
    [0.2, () => ({ v: cached("arr60k", () => new Array(60000).fill("https://example.com")), d: "array of 60k origins (1.4 MB)", t: "array", items: [], big: true })],
    [0.05, () => ({ v: cached("arr600k", () => new Array(600000).fill(0)), d: "array of 600k zeros (1.2 MB)", t: "array", items: [val(0)], big: true })],
    [0.2, () => ({ v: cached("keys10k", () => Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, i]))), d: "object with 10k keys", t: "plain" })],
    [1, () => {
      const d = rng.pick([10, 62, 63, 64, 65, 66, 200, 5000, 100000]);
      const kind = rng.chance(0.5) ? "array" : "object";
      // Too deep for JSON.stringify's stack, or for the package's 64 levels: refused either way.
      // Past 64 levels the whole input is unreadable (poison); from 60 it may be, depending on
      // where it sits (deep).
      return { v: nested(d, kind), d: `${kind} nested ${d} deep`, t: "deep", poison: d >= 65, deep: d >= 60 };
    }],
    [1, () => {
      const o = { a: 1 };
      o.self = o;
      return { v: o, d: "cyclic object", t: "plain", poison: true };
    }],
    [1, () => {
      const a = ["x"];
      a.push(a);
      return { v: a, d: "cyclic array", t: "array", items: [], poison: true };
    }],
    [1, () => {
      const inner = hostile(rng, depth + 1);
      // JSON.stringify throws on a BigInt that toJSON returns (the replacer saw the object).
      // `jsonUndefined`: JSON.stringify gives undefined for it at the top level (--skip toJSON-undefined).
      const jsonUndefined = inner.v === undefined || typeof inner.v === "function" || typeof inner.v === "symbol";
      // host.js marks an object with a toJSON as an object and drops what toJSON answered, so
      // nothing in that answer is read: it cannot poison, bloat or deepen the JSON.
      return { v: { toJSON: () => inner.v }, d: `{toJSON() → ${desc(inner)}}`, t: "toJSON", jsonUndefined };
    }],
    [1, () => {
      const t = thrownValue(rng);
      return { v: { toJSON() { throw t.v; } }, d: `{toJSON() throws ${t.d}}`, t: "toJSON", poison: true, unconvertible: t.unconvertible };
    }],
    [2, () => throwingGetter(rng)],
    [2, () => proxyValue(rng, depth)],
    [1, () => forgedMarker(rng)],
  ]);
}

/**
 * A string that is or holds the client's secret key, or looks like one: the key itself, the key
 * inside a long string (across the 100-character cut of names and the excerpts of values, up to
 * 300,000 characters), twice, or an `sk_live_`/`sk_test_` look-alike that is not the key (those
 * may be shown; they hold no SECRET_MARK). `{ v, d }`.
 */
export function secretish(rng, secret) {
  return rng.weighted([
    [3, () => val(secret, "the client's secret key")],
    [3, () => {
      const before = rng.pick([0, 1, 50, 59, 60, 80, 95, 99, 100, 150, 490, 499, 500, rng.range(0, 3000), 300_000]);
      const after = rng.pick([0, 1, 10, 1000, rng.range(0, 3000)]);
      return val(`${bigString(before, "x")}${secret}${bigString(after, "y")}`, `the key after ${before} and before ${after} characters`);
    }],
    [1, () => val(`${secret}${secret}`, "the key twice")],
    [1, () => val(`${secret}@example.com`, "the key as an address")],
    [2, () => val(`sk_${rng.pick(["live", "test"])}_${rng.pick(["LOOKALIKE", "Zm9vYmFy", "0000000000000000"])}${rng.range(0, 1e6)}`, "an sk_ look-alike")],
  ]);
}

/** The description of a generated value. */
export const desc = (x) => x.d ?? show(x.v);

/** Objects that look like the package's internal JSON markers (`{"\u0000": what}`). */
export function forgedMarker(rng) {
  const what = rng.pick(["undefined", "thrown", "too large", "bigint", "function", "object", "NaN", "unpaired surrogate", "symbol"]);
  const o = { "\u0000": what };
  if (rng.chance(0.5)) o.value = rng.pick(["1", "boom", "9223372036854775807"]);
  return { v: o, d: `forged marker ${show(o)}`, t: "marker" };
}

/**
 * Proxies: transparent, revoked, or with traps that throw. `poison` when JSON.stringify (or the
 * package's replacer, which asks for the prototype of non-arrays) runs the throwing trap.
 */
export function proxyValue(rng, depth = 0) {
  const isArray = rng.chance(0.3);
  const base = isArray ? [] : { testMode: true };
  const kind = rng.pick(["transparent", "revoked", "ownKeys", "get", "getOwnPropertyDescriptor", "getPrototypeOf", "has", "lying ownKeys"]);
  if (kind === "transparent") return { v: new Proxy(base, {}), d: `transparent Proxy of ${isArray ? "[]" : "{testMode: true}"}`, t: "proxy" };
  if (kind === "revoked") {
    const p = Proxy.revocable(base, {});
    p.revoke();
    return { v: p.proxy, d: "revoked Proxy", t: "proxy", poison: true };
  }
  if (kind === "lying ownKeys") {
    // ownKeys reports keys the target lacks; the other traps answer for them anyway.
    const v = new Proxy({}, {
      ownKeys: () => ["testMode", "hibp"],
      getOwnPropertyDescriptor: () => ({ value: true, enumerable: true, configurable: true, writable: true }),
      get: () => true,
    });
    return { v, d: "Proxy with invented keys", t: "proxy" };
  }
  const t = thrownValue(rng);
  const poison = isArray ? kind === "get" : kind !== "has";
  return { v: new Proxy(base, { [kind]() { throw t.v; } }), d: `Proxy of ${isArray ? "[]" : "{…}"} whose ${kind} trap throws ${t.d}`, t: "proxy", poison, unconvertible: t.unconvertible };
}

// ---------------------------------------------------------------------------------------------
// Valid values for a field spec (see schema.mjs), by the README's rules

const LABEL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
const label = (rng) => Array.from({ length: rng.range(1, 10) }, () => rng.pick(LABEL_CHARS)).join("");
const hostName = (rng) =>
  rng.weighted([
    [6, () => Array.from({ length: rng.range(1, 3) }, () => label(rng)).join(".") + rng.pick([".com", ".dev", ".io", ""])],
    [1, "localhost"],
    [1, () => `127.0.0.${rng.range(1, 254)}`],
    [1, "[::1]"],
    [1, () => `${label(rng)}.localhost`],
  ]);

export function validOrigin(rng) {
  const scheme = rng.pick(["https", "http", "chrome-extension", "capacitor", "moz-extension", "app", "tauri"]);
  const port = rng.chance(0.3) ? `:${rng.range(1, 65535)}` : "";
  return `${scheme}://${hostName(rng)}${port}`;
}

export function validUrl(rng) {
  const scheme = rng.pick(["https", "http", "HTTPS"]);
  const port = rng.chance(0.2) ? `:${rng.range(1, 65535)}` : "";
  const path = rng.chance(0.5) ? "/" + Array.from({ length: rng.range(0, 3) }, () => label(rng)).join("/") : "";
  const query = rng.chance(0.2) ? `?q=${label(rng)}` : "";
  return `${scheme}://${hostName(rng)}${port}${path}${query}`;
}

const COUNTRY_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALL_CODES = [...COUNTRY_LETTERS].flatMap((a) => [...COUNTRY_LETTERS].map((b) => a + b));

/** Unique capitals, at most 250 (the API's limit). */
export function validCountryCodes(rng) {
  const n = rng.weighted([[10, () => rng.range(0, 5)], [3, () => rng.range(6, 100)], [1, 250]]);
  return rng.shuffle(ALL_CODES).slice(0, n);
}

function validString(rng, field) {
  if (field.oneOf) return rng.pick(field.oneOf);
  switch (field.rule) {
    case "emailOrEmpty":
      return rng.chance(0.15) ? "" : `${label(rng)}${rng.pick(["", ".x", "+tag", "-y"])}@${hostName(rng)}`;
    case "origin":
      return validOrigin(rng);
    case "emailLocalPart":
      return Array.from({ length: rng.range(1, 20) }, () => rng.pick(LABEL_CHARS + "ABCZé")).join("");
    case "absoluteUrl":
      return validUrl(rng);
    case "countryCodes":
      return rng.pick(COUNTRY_LETTERS) + rng.pick(COUNTRY_LETTERS);
    default:
      return rng.weighted([[6, () => randomString(rng, { wellFormed: true })], [1, () => rng.pick(ODD_STRINGS.filter((s) => s.isWellFormed()))]]);
  }
}

/** A value the package must accept for `field` (undefined and null included where allowed). */
export function validValue(rng, field) {
  const absent = [[1, () => val(undefined, null, true)]];
  const nul = field.nullable ? [[1, () => val(null, null, true)]] : [];
  const value = () => {
    switch (field.kind) {
      case "boolean":
        return val(rng.chance(0.5), null, true);
      case "integer":
        return rng.weighted([
          [4, () => val(rng.range(0, 10000), null, true)],
          [1, () => val(rng.pick([0, -0, MAX_SAFE, 2 ** 32, 2 ** 31 - 1]), null, true)],
          [2, () => val(rng.bigint(63), null, true)],
          [1, () => val(rng.pick([0n, I64_MAX, BigInt(MAX_SAFE) + 1n]), null, true)],
        ]);
      case "string":
        return val(validString(rng, field), null, true);
      case "list": {
        if (field.rule === "countryCodes") return val(validCountryCodes(rng), null, true);
        const n = rng.weighted([[8, () => rng.range(0, 4)], [1, () => rng.range(5, 60)]]);
        return val(Array.from({ length: n }, () => validString(rng, field)), null, true);
      }
    }
    throw new Error(`no valid value for ${field.kind}`);
  };
  return rng.weighted([...absent, ...nul, [8, value]]);
}

/** A value the package must refuse for `field`: the wrong type, or a broken rule. */
export function invalidValue(rng, field) {
  const wrongType = () => {
    const candidates = [
      ["boolean", () => val(rng.chance(0.5), null, false)],
      ["integer", () => val(rng.range(0, 100), null, false)],
      ["string", () => val(randomString(rng, { wellFormed: true }), null, false)],
      ["list", () => val([randomString(rng, { wellFormed: true })], null, false)],
    ].filter(([k]) => k !== field.kind);
    return rng.weighted([
      [6, () => rng.pick(candidates)[1]()],
      [2, () => val(rng.pick([new Date(0), new Map(), new Thing(), Object(true), new Uint8Array(1)]), "an object that is not plain", false)],
      [1, () => val(() => true, "function", false)],
      [1, () => val(Symbol("s"), "Symbol", false)],
    ]);
  };
  const broken = [];
  if (!field.nullable) broken.push([3, () => val(null, null, false)]);
  if (field.kind === "integer") {
    broken.push([3, () => val(rng.pick([-1, 3.5, NaN, Infinity, -Infinity, MAX_SAFE + 1, 2 ** 63, 1e21, -0.5]), null, false)]);
    broken.push([2, () => val(rng.pick([-1n, I64_MAX + 1n, 2n ** 64n, -(2n ** 63n)]), null, false)]);
  }
  if (field.kind === "string") {
    broken.push([2, () => val(rng.pick(["\ud800", "x\udc00y"]), null, false)]);
    if (field.oneOf) broken.push([3, () => val(rng.pick(["Password", "OTP", " password", "none", "automatic"]), null, false)]);
  }
  if (field.kind === "list") {
    broken.push([2, () => val([validString(rng, field), rng.pick([1, null, true, undefined, {}, ["x"]])], null, false)]);
    broken.push([1, () => val([, undefined], "[<hole>, undefined]", false)]);
    if (field.oneOf) broken.push([2, () => val(["automatic_invitation", "manual"], null, false)]);
  }
  switch (field.rule) {
    case "origin": {
      const bad = ["https://example.com/", "https://example.com/app", "example.com", "https://", "https://a b.com", "https://user@host", "https://host:99999", "https://host:", "ht tp://x", "https://x?y", "1http://x", ""];
      const pick = () => val(rng.pick(bad), null, false);
      broken.push([4, field.kind === "list" ? () => { const x = pick(); return val([validOrigin(rng), x.v], null, false); } : pick]);
      break;
    }
    case "emailOrEmpty":
      broken.push([4, () => val(rng.pick(["support", "@example.com", "support@", "sup port@example.com", " ", "a@b c"]), null, false)]);
      break;
    case "emailLocalPart":
      broken.push([4, () => val(rng.pick(["foo@example.com", "foo.bar", "foo-bar", "foo bar", " ", "a_b", "x+y"]), null, false)]);
      break;
    case "absoluteUrl":
      broken.push([4, () => val(rng.pick(["www.example.com", "ftp://example.com", "https://", "https:///path", "https://exa mple.com", "", "mailto:x@y.z", "https://x\n"]), null, false)]);
      break;
    case "countryCodes":
      broken.push([4, () => val(rng.pick([["us"], ["USA"], ["US", "US"], ["U1"], ["", "FR"], ["ÉT"]]), null, false)]);
      broken.push([1, () => val(ALL_CODES.slice(0, 251), "251 codes", false)]);
      break;
  }
  return rng.weighted([[4, wrongType], ...broken]);
}

/** Typos of a known key: a near miss that should be reported with a "did you mean". */
export function nearMiss(rng, key) {
  const i = rng.int(key.length);
  return rng.weighted([
    [2, () => key.toLowerCase()],
    [2, () => key[0].toUpperCase() + key.slice(1)],
    [2, () => key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase())],
    [2, () => key.slice(0, i) + key.slice(i + 1)],
    [2, () => key.slice(0, i) + key[i] + key.slice(i)],
    [2, () => (i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : key + "s")],
    [1, () => key + "s"],
    [1, () => key.replace("e", "\u0435")], // a Cyrillic е
    [1, () => key.slice(0, i) + "\u200b" + key.slice(i)],
    [1, () => key + " "],
  ]);
}
