// workerd test wrapper: one request to the empty Worker (its fetches go to the fake API).
import worker from "./empty.js";

export default {
  async test(controller, env) {
    const response = await worker.fetch(new Request("http://bench/"), env);
    if (!response.ok) throw new Error(`empty: ${response.status}`);
    await response.text();
  },
};
