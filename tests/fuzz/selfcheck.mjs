// The checker must not be vacuous: feed it failures it exists to catch (a real wasm trap, an
// escaped TypeError, a leaked key, a hang, a polluted prototype, a poisoned client, an unhandled
// rejection) and a few things it must let through. Returns the list of checks it got wrong.
import { SECRET_MARK, checkError, checkHealth, checkOutcome, checkPrototypes, settle, snapshotPrototypes } from "./invariants.mjs";
import { pkg } from "./schema.mjs";
import { Dispatcher } from "./fetch.mjs";

/** (module (func (export "f") unreachable)): a genuine trap, as a Rust panic would give. */
const TRAP_MODULE = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f"
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: no locals, unreachable, end
);

function realTrap() {
  const { f } = new WebAssembly.Instance(new WebAssembly.Module(TRAP_MODULE)).exports;
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("the trap module did not trap");
}

/** A client whose every call traps, like one on a poisoned module. */
function poisonedClient(trap) {
  const update = () => {
    throw trap;
  };
  return {
    instances: { update: async () => update() },
    dryRun: { instances: { update } },
  };
}

export async function selfCheck({ unhandled }) {
  const wrong = [];
  const expectCode = (name, violations, code) => {
    if (!violations.some((x) => x.code === code)) wrong.push(`${name}: expected a "${code}" violation, got ${JSON.stringify(violations.map((x) => x.code))}`);
  };
  const expectNone = (name, violations) => {
    if (violations.length) wrong.push(`${name}: expected no violation, got ${violations.map((x) => `[${x.code}] ${x.msg}`).join("; ")}`);
  };

  const trap = realTrap();
  if (!(trap instanceof WebAssembly.RuntimeError)) wrong.push("the trap module threw something other than a WebAssembly.RuntimeError");
  expectCode("a real wasm trap, rejected", checkOutcome({ kind: "rejected", value: trap }), "wasm-trap");
  expectCode("a real wasm trap, thrown by dryRun", checkOutcome({ kind: "threw", value: trap }, { sync: true }), "wasm-trap");
  expectCode("a synthetic WebAssembly.RuntimeError", checkError(new WebAssembly.RuntimeError("unreachable")), "wasm-trap");
  expectCode("an escaped TypeError", checkError(new TypeError("Cannot convert object to primitive value")), "escaped-TypeError");
  expectCode("an escaped RangeError", checkError(new RangeError("Maximum call stack size exceeded")), "escaped-RangeError");
  expectCode("an escaped string", checkError("boom"), "escaped-value");
  expectCode("a hang", checkOutcome(await settle(() => new Promise(() => {}), 20)), "hang");
  expectCode("a synchronous throw from an async call", checkOutcome({ kind: "threw", value: new pkg.ClerkNetworkError({ message: "x", attempts: 1 }) }), "sync-throw");

  const leaky = new pkg.ClerkAPIResponseError({ message: `bad key sk_test_${SECRET_MARK}abc`, status: 401, errors: [], body: "", attempts: 1 });
  expectCode("a key in a message", checkError(leaky), "secret-leak");
  const leakyField = new pkg.ClerkAPIResponseError({ message: "fine", status: 401, errors: [], body: `sk_live_${SECRET_MARK}`, attempts: 1 });
  expectCode("a key in a field (JSON.stringify)", checkError(leakyField), "secret-leak");
  expectCode("an empty message", checkError(new pkg.ClerkNetworkError({ message: "", attempts: 1 })), "bad-message");
  expectCode("a 10,000-character message", checkError(new pkg.ClerkNetworkError({ message: "m".repeat(10_000), attempts: 1 })), "long-message");
  expectCode("a BigInt in a field", checkError(new pkg.ClerkAPIResponseError({ message: "x", status: 422, errors: [{ code: "c", message: "m", meta: { n: 12n } }], attempts: 1 })), "json-throws");
  expectCode("an empty problems list", checkError(new pkg.ClerkInvalidParamsError({ message: "x", problems: [] })), "bad-problems");
  expectCode("a problem without message", checkError(new pkg.ClerkInvalidOptionsError({ message: "x", problems: [{ param: "a" }] })), "bad-problems");
  expectCode("the wrong class", checkError(new pkg.ClerkNetworkError({ message: "x", attempts: 1 }), { allowed: ["ClerkInvalidParamsError"] }), "wrong-class");

  const reason = new TypeError("the caller's own reason");
  expectNone("the caller's abort reason", checkError(reason, { abortReasons: [reason] }));
  expectNone("a well-formed API error", checkError(new pkg.ClerkAPIResponseError({ message: "x", status: 404, errors: [{ code: "c", message: "m", meta: {} }], attempts: 1 })));

  const before = snapshotPrototypes();
  Object.prototype.fuzzPolluted = true; // eslint-disable-line no-extend-native
  const polluted = checkPrototypes(before);
  delete Object.prototype.fuzzPolluted;
  expectCode("Object.prototype gaining a key", polluted, "proto-polluted");
  expectNone("prototypes restored", checkPrototypes(before));

  expectCode("a poisoned client", await checkHealth(poisonedClient(realTrap()), new Dispatcher(), "self-check"), "wasm-trap");
  const healthy = new Dispatcher();
  const clerk = pkg.createInstanceClient({ secretKey: `sk_test_${SECRET_MARK}self`, fetch: healthy.fetch });
  expectNone("a healthy client", await checkHealth(clerk, healthy, "self-check"));

  // The process-wide listener must see an unhandled rejection.
  const seen = unhandled.length;
  Promise.reject(new Error("self-check: deliberately unhandled"));
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (unhandled.length !== seen + 1) wrong.push("an unhandled rejection was not reported");
  unhandled.length = seen;

  return wrong;
}
