// One cold start, in a fresh process: prints the milliseconds from the start of the import of
// the client (`ours` or `official`) to the moment its first request is handed to fetch.
const which = process.argv[2];
let handed;
globalThis.fetch = async () => {
  handed ??= performance.now();
  return new Response(null, { status: 204 });
};
const secretKey = "sk_test_COLDSTART0123456789";
const started = performance.now();
if (which === "ours") {
  const { createInstanceClient } = await import("clerk-instance-edge");
  await createInstanceClient({ secretKey }).instances.update({ testMode: true });
} else {
  const { createClerkClient } = await import("@clerk/backend");
  await createClerkClient({ secretKey }).instance.update({ testMode: true });
}
process.stdout.write(String(handed - started));
