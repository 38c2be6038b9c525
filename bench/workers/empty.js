// A Worker that does nothing: the baseline of workerd's own start-up.
export default {
  async fetch() {
    return new Response("ok");
  },
};
