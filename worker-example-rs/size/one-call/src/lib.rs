//! One call through clerk-instance-edge, no serde: what the crate itself adds to a bare Worker.
use clerk_instance_edge::{Client, HostFetch, Options, Patch, UpdateInstance};
use worker::*;

#[event(fetch)]
async fn fetch(_req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let key = env.secret("CLERK_SECRET_KEY")?.to_string();
    let client = Client::new(HostFetch::global(), Options::new(key)).map_err(|e| Error::RustError(e.message()))?;
    let params = UpdateInstance { test_mode: Patch::Value(true), ..Default::default() };
    match client.update_instance(&params).await {
        Ok(()) => Response::ok("updated"),
        Err(error) => Response::error(error.message(), 502),
    }
}
