// The fake Clerk API of the workerd cold-start benchmark: every request answers 204.
export default {
  fetch: () => new Response(null, { status: 204 }),
};
