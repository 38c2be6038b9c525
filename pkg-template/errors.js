// The package's error classes: the base class here, the classes themselves generated below by
// `make pkg` from the error table of the crate (src/host/table.rs), with the operation table.

/** The base of every error the package throws; `clerkError` is true, as in `@clerk/backend`. */
export class ClerkError extends Error {
  clerkError = true;
  constructor({ message, name, ...fields }, options) {
    super(message, options);
    Object.assign(this, fields);
  }
  get name() {
    return this.constructor.kind;
  }
}
