// workerd test wrapper: one request to the raw Worker (its fetches go to the fake API).
import worker from "./raw.js";

export default {
  async test(controller, env) {
    const response = await worker.fetch(new Request("http://bench/"), env);
    if (!response.ok) throw new Error(`raw: ${response.status}`);
    await response.text();
  },
};
