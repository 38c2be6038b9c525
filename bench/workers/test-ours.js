// workerd test wrapper: one request to the ours Worker (its fetches go to the fake API).
import worker from "./ours.js";

export default {
  async test(controller, env) {
    const response = await worker.fetch(new Request("http://bench/"), env);
    if (!response.ok) throw new Error(`ours: ${response.status}`);
    await response.text();
  },
};
