//! What the declarations describe: an [`Operation`] with its [`Field`]s and [`Resource`], the
//! value of a field ([`Value`]), and the traits that tie the params and resource structs the
//! macros write to their descriptors.

use alloc::string::String;
use alloc::vec::Vec;

use super::patch::Patch;

/// The HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`: a read, sent without a body.
    Get,
    /// `PATCH`: a partial update.
    Patch,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
}

impl Method {
    /// The method as it appears on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}

/// The JSON type of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `true` or `false`.
    Boolean,
    /// A whole number from 0 to `i64::MAX`.
    Integer,
    /// A string.
    String,
    /// An array of strings.
    StringList,
}

/// A check on a field's value beyond its type, from the API's own schema and documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Any value of the field's kind.
    Any,
    /// The string, or each item of the list, is one of these.
    OneOf(&'static [&'static str]),
    /// Each item matches `^[A-Z]{2}$`, items are unique, at most 250 of them.
    CountryCodes,
    /// The local part of an email address: letters and digits only.
    EmailLocalPart,
    /// An email address, or `""` to clear it.
    EmailOrEmpty,
    /// An absolute `http` or `https` URL.
    AbsoluteUrl,
    /// The string, or each item of the list, is an origin: `scheme://host[:port]`, no path.
    Origin,
}

/// Where an operation appears in the JS API: `clerk.instances.update`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// `clerk.instances` (also reachable as `clerk.instance`).
    Instances,
    /// `clerk.betaFeatures`.
    BetaFeatures,
}

impl Group {
    /// The property name of the group on the JS client.
    pub const fn js_name(self) -> &'static str {
        match self {
            Group::Instances => "instances",
            Group::BetaFeatures => "betaFeatures",
        }
    }
}

/// One request field of an operation, as declared once in [`operations`](crate::OPERATIONS).
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// The wire name, as in the API (`test_mode`). The JS name is its lowerCamelCase.
    pub name: &'static str,
    /// The JSON type.
    pub kind: Kind,
    /// Whether `null` may be sent.
    pub nullable: bool,
    /// The check on the value.
    #[cfg(not(target_arch = "wasm32"))]
    pub rule: Rule,
    /// The check on the value, by reference on wasm32: `Rule::OneOf` makes the enum 12 bytes,
    /// mostly zeros between pointers; a reference makes `Field` 16 bytes rather than 24
    /// (22,392 -> 22,295 B gzip). Read it with [`Field::rule`], which every build has.
    #[cfg(target_arch = "wasm32")]
    pub rule: &'static Rule,
    /// Deprecated by the API, or dropped from its newest spec; still sent when set
    /// (native builds only: no wasm32 build reads it; with `success` and the operation's
    /// `deprecated`, 31 B gzip in the npm module).
    #[cfg(not(target_arch = "wasm32"))]
    pub deprecated: bool,
    /// In no spec version: named by the seed documents or sent by the official SDK (native
    /// builds only: conformance and the stand-in read it).
    #[cfg(not(target_arch = "wasm32"))]
    pub seed: bool,
    /// A list the API leaves unchanged when it is sent empty, so that it cannot be cleared.
    pub empty_ignored: bool,
    /// The field's documentation (native builds only: the TypeScript generator reads it).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

/// A field of a response resource.
#[derive(Debug)]
pub struct ResourceField {
    /// The wire name (`environment_type`). The JS name is its lowerCamelCase.
    pub name: &'static str,
    /// The JSON type.
    pub kind: Kind,
    /// The field's documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

/// A response body shape.
#[derive(Debug)]
pub struct Resource {
    /// The schema name (`Instance`; native builds only: no wasm32 build reads it, 48 B gzip
    /// in the npm module).
    #[cfg(not(target_arch = "wasm32"))]
    pub name: &'static str,
    /// The value of its `object` field (`"instance"`; native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub object: &'static str,
    /// The fields, in declaration order.
    pub fields: &'static [ResourceField],
    /// The resource's documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

/// One operation of the Backend API, declared once.
#[derive(Debug)]
pub struct Operation {
    /// The spec's `operationId` (`UpdateInstance`), also the name of the params struct. Empty in
    /// the npm modules, which name an operation as JS calls it (`js`) and never read this.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path under `/v1` (`/instance/restrictions`).
    pub path: &'static str,
    /// The request fields, in the order they are written to the body.
    pub fields: &'static [Field],
    /// The success body, or `None` when the API answers 202 or 204 with no body.
    pub resource: Option<&'static Resource>,
    /// The success status: 200 with a resource, else 202 or 204 (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub success: u16,
    /// Whether a failed attempt may be sent again. False for the domain changes: each one logs
    /// every user out, so it is never repeated once it may have reached the server.
    pub retry: bool,
    /// Deprecated by the API (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub deprecated: bool,
    /// Where the operation appears in the JS API (`clerk.instances.update`).
    pub js: &'static [(Group, &'static str)],
    /// The method of [`Client`](crate::Client) (`update_instance`; native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub rust: &'static str,
    /// The operation's documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

impl Field {
    /// The check on the value.
    pub fn rule(&self) -> Rule {
        #[cfg(target_arch = "wasm32")]
        return *self.rule;
        #[cfg(not(target_arch = "wasm32"))]
        self.rule
    }
}

impl Operation {
    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// `GET /instance`: how messages name the request.
    pub fn request_line(&self) -> String {
        let mut line = String::from(self.method.as_str());
        line.push(' ');
        line.push_str(self.path);
        line
    }

    /// How the JS API names the operation: its `n`th name there (`instances.update` is the first
    /// of `UpdateInstance`, `betaFeatures.changeDomain` the second of
    /// `ChangeProductionInstanceDomain`), or its first when it has no such name. Messages name
    /// an operation as the caller called it.
    pub fn js_label(&self, n: usize) -> String {
        let mut label = String::new();
        if let Some((group, name)) = self.js.get(n).or(self.js.first()) {
            label.push_str(group.js_name());
            label.push('.');
            label.push_str(name);
        }
        label
    }
}

impl Resource {
    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&'static ResourceField> {
        self.fields.iter().find(|field| field.name == name)
    }
}

/// A field's value, independent of the params struct it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A boolean.
    Boolean(bool),
    /// An integer.
    Integer(i64),
    /// A string.
    String(String),
    /// A list of strings.
    StringList(Vec<String>),
}

/// As the JSON value it is.
#[cfg(feature = "serde")]
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Boolean(b) => serializer.serialize_bool(*b),
            Value::Integer(n) => serializer.serialize_i64(*n),
            Value::String(s) => serializer.serialize_str(s),
            Value::StringList(items) => items.serialize(serializer),
        }
    }
}

impl Value {
    /// The kind of this value.
    pub const fn kind(&self) -> Kind {
        match self {
            Value::Boolean(_) => Kind::Boolean,
            Value::Integer(_) => Kind::Integer,
            Value::String(_) => Kind::String,
            Value::StringList(_) => Kind::StringList,
        }
    }
}

/// A set field of an update: the index of its [`Field`] and what to send.
pub type Entry = (usize, Patch<Value>);

/// The typed parameters of one operation. Implemented by every params struct
/// ([`UpdateInstance`](crate::UpdateInstance), [`GetInstance`](crate::GetInstance), ...).
pub trait Params {
    /// The declaration of the operation.
    const OPERATION: &'static Operation;
    /// What a successful call returns: a resource, or `()` for 202 and 204.
    type Response: FromResource;
    /// The fields that are not absent, in declaration order.
    fn entries(&self) -> Vec<Entry>;
}

/// A Rust type that holds one field of a params struct: [`Patch<T>`] for a nullable field,
/// `Option<T>` for one that may only be absent or a value.
pub trait Slot: Sized {
    /// The Rust type of the value.
    type Value: Scalar;
    /// The JSON type.
    const KIND: Kind;
    /// Whether the slot can hold `null`.
    const NULLABLE: bool;
    /// What to send.
    fn patch(&self) -> Patch<Value>;
    /// The slot holding `patch`; `None` when it is `null` and the slot cannot hold that.
    fn from_patch(patch: Patch<Self::Value>) -> Option<Self>;
    /// True when the field is left out of the request.
    fn is_absent(&self) -> bool {
        self.patch().is_absent()
    }
}

/// A Rust type that maps to one [`Kind`].
pub trait Scalar: Sized {
    /// The JSON type.
    const KIND: Kind;
    /// Converts to a [`Value`].
    fn to_value(&self) -> Value;
    /// Converts from a [`Value`] of the same kind.
    fn from_value(value: Value) -> Option<Self>;
}

macro_rules! scalar {
    ($ty:ty, $kind:ident, $value:ident => $to:expr) => {
        impl Scalar for $ty {
            const KIND: Kind = Kind::$kind;
            fn to_value(&self) -> Value {
                let $value = self;
                Value::$kind($to)
            }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::$kind(inner) => Some(inner),
                    _ => None,
                }
            }
        }
    };
}
scalar!(bool, Boolean, v => *v);
scalar!(i64, Integer, v => *v);
scalar!(String, String, v => v.clone());
scalar!(Vec<String>, StringList, v => v.clone());

impl<T: Scalar> Slot for Patch<T> {
    type Value = T;
    const KIND: Kind = T::KIND;
    const NULLABLE: bool = true;
    fn patch(&self) -> Patch<Value> {
        self.as_ref().map(Scalar::to_value)
    }
    fn from_patch(patch: Patch<T>) -> Option<Self> {
        Some(patch)
    }
}

impl<T: Scalar> Slot for Option<T> {
    type Value = T;
    const KIND: Kind = T::KIND;
    const NULLABLE: bool = false;
    fn patch(&self) -> Patch<Value> {
        match self {
            Some(value) => Patch::Value(value.to_value()),
            None => Patch::Absent,
        }
    }
    fn from_patch(patch: Patch<T>) -> Option<Self> {
        match patch {
            Patch::Absent => Some(None),
            Patch::Null => None,
            Patch::Value(value) => Some(Some(value)),
        }
    }
}

/// Builds a typed response from the fields of a [`Resource`], read in declaration order.
pub trait FromResource: Sized {
    /// The declaration, or `None` for an empty (202/204) response.
    const RESOURCE: Option<&'static Resource>;
    /// Builds the value from one entry per declared field.
    fn from_fields(fields: Vec<Patch<Value>>) -> Self;
}

impl FromResource for () {
    const RESOURCE: Option<&'static Resource> = None;
    fn from_fields(_: Vec<Patch<Value>>) -> Self {}
}
