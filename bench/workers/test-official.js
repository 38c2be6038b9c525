// workerd test wrapper: one request to the official Worker (its fetches go to the fake API).
import worker from "./official.js";

export default {
  async test(controller, env) {
    const response = await worker.fetch(new Request("http://bench/"), env);
    if (!response.ok) throw new Error(`official: ${response.status}`);
    await response.text();
  },
};
