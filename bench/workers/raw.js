// The same Worker with a hand-written fetch: the floor, with no validation, retries or errors.
export default {
  async fetch(request, env) {
    const response = await fetch("https://api.clerk.com/v1/instance", {
      method: "PATCH",
      headers: {
        Authorization: `Bearer ${env.CLERK_SECRET_KEY}`,
        "Clerk-API-Version": "2026-05-12",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ test_mode: true }),
    });
    if (!response.ok) throw new Error(`Clerk answered ${response.status}`);
    return new Response("ok");
  },
};
