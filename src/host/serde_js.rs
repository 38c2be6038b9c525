//! Params from JS values and resources to them, with serde-wasm-bindgen: what a Rust Worker uses
//! to read a request's JSON or an object from JS, keeping the tri-state and refusing unknown keys.

use alloc::string::{String, ToString};

use js_sys::{Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::model::{Params, Problem};
use crate::wire::Error;

/// Params from a JS object: a missing key or `undefined` is absent, `null` is null (where the
/// field may be null), and an unknown key is an error that names the nearest valid one. The
/// same rules hold for `worker::Request::json()`, which deserializes through
/// serde-wasm-bindgen: the params' `Deserialize` reads every key.
pub fn from_js<P: Params + DeserializeOwned>(value: &JsValue) -> Result<P, Error> {
    let invalid = |message: String| Error::InvalidParams {
        operation: P::OPERATION.id.into(),
        problems: alloc::vec![Problem { param: String::from("params"), message }],
    };
    // serde-wasm-bindgen reads `undefined` like `null`: leave those keys out first.
    let defined = Object::new();
    if let Some(object) = value.dyn_ref::<Object>() {
        for key in Object::keys(object).iter() {
            let member = Reflect::get(object, &key).map_err(|_| invalid("a key could not be read".into()))?;
            if !member.is_undefined() {
                let _ = Reflect::set(&defined, &key, &member);
            }
        }
    } else if !value.is_undefined() {
        return serde_wasm_bindgen::from_value(value.clone()).map_err(|e| invalid(e.to_string()));
    }
    serde_wasm_bindgen::from_value(defined.into()).map_err(|e| invalid(e.to_string()))
}

/// A resource (or params) as a plain JS object with the API's field names; absent fields are
/// left out. An integer a JS number cannot hold exactly (past 2^53) is an error.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::new())
}
