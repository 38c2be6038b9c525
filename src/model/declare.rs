//! The two macros that turn the declarations in `operations.rs` and `resources.rs` into params
//! structs, response structs, their descriptors, the `OPERATIONS` and `RESOURCES` tables, and
//! `each_operation!`, which hands every operation to a macro of a higher layer (the client's
//! methods) without this layer knowing that layer; and the one that turns the sections in
//! `settings.rs` into the `SECTIONS` table and the `Settings` document.


/// `has_flag!(deprecated in no_retry deprecated)` is `true`.
macro_rules! has_flag {
    ($flag:ident in) => {
        false
    };
    (deprecated in deprecated $($rest:ident)*) => {
        true
    };
    (no_retry in no_retry $($rest:ident)*) => {
        true
    };
    (seed in seed $($rest:ident)*) => {
        true
    };
    (deprecated in seed $($rest:ident)*) => {
        true
    };
    (empty_ignored in empty_ignored $($rest:ident)*) => {
        true
    };
    (beta in beta $($rest:ident)*) => {
        true
    };
    ($flag:ident in $other:ident $($rest:ident)*) => {
        has_flag!($flag in $($rest)*)
    };
}

macro_rules! rule_or_any {
    () => {
        $crate::model::descriptor::Rule::Any
    };
    ($rule:expr) => {
        $rule
    };
}

#[cfg_attr(target_arch = "wasm32", allow(unused_macros))]
macro_rules! status_or_200 {
    () => {
        200
    };
    ($status:literal) => {
        $status
    };
}

macro_rules! method {
    (GET) => {
        $crate::model::descriptor::Method::Get
    };
    (PATCH) => {
        $crate::model::descriptor::Method::Patch
    };
    (PUT) => {
        $crate::model::descriptor::Method::Put
    };
    (POST) => {
        $crate::model::descriptor::Method::Post
    };
}

macro_rules! group {
    (instances) => {
        $crate::model::descriptor::Group::Instances
    };
    (betaFeatures) => {
        $crate::model::descriptor::Group::BetaFeatures
    };
}

/// Declares every operation: its params struct, its [`Operation`](crate::Operation), the
/// `OPERATIONS` table, and `each_operation!(callback)`, which invokes `callback!` with
/// `$(#[doc] Id, rust_method, Response;)*` for every operation.
///
/// ```text
/// /// Docs of the operation.
/// OperationId = METHOD "/path" -> Response [= status], js(group.name, ...), rust method_name [; flags] {
///     /// Docs of the field.
///     wire_name: Patch<T> | Option<T> [= Rule::...] [; flags],
/// }
/// ```
/// The success status is 200 unless given (`-> () = 204` for an answer without a body).
/// `Patch<T>` declares a nullable field, `Option<T>` one that is absent or a value.
/// Operation flags: `deprecated`, `no_retry`. Field flags: `deprecated` (by the spec), `seed` (in
/// no spec version, only in the seed documents or the official SDK; documented as deprecated
/// too), `empty_ignored` (the API ignores an empty list, so the list cannot be cleared).
macro_rules! operations {
    ($($declarations:tt)*) => {
        operations_with_dollar! { ($) $($declarations)* }
    };
}

/// [`operations!`] with a `$` token in hand, to write the `each_operation!` macro.
macro_rules! operations_with_dollar {
    (($d:tt) $(
        $(#[doc = $doc:literal])*
        $id:ident = $method:ident $path:literal -> $response:ty $(= $status:literal)?,
            js($($group:ident . $js:ident),+), rust $rust:ident $(; $($flag:ident)+)? {
            $(
                $(#[doc = $field_doc:literal])*
                $name:ident : $ty:ty $(= $rule:expr)? $(; $($field_flag:ident)+)?
            ),* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Clone, Debug, Default, PartialEq)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize))]
            pub struct $id {
                $(
                    $(#[doc = $field_doc])*
                    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "crate::model::descriptor::Slot::is_absent"))]
                    pub $name: $ty,
                )*
            }

            #[cfg(feature = "serde")]
            impl<'de> serde::Deserialize<'de> for $id {
                /// Reads every key of a map (serde_json's object, serde-wasm-bindgen's JS
                /// object): an unknown key is an error naming the nearest valid one, and `null`
                /// for a field that cannot be null is an error, on every deserializer. A derive
                /// with `deny_unknown_fields` does neither through serde-wasm-bindgen, which
                /// visits only the declared fields of a struct.
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> serde::de::Visitor<'de> for Visitor {
                        type Value = $id;
                        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                            f.write_str(concat!("an object of the params of ", stringify!($id)))
                        }
                        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$id, A::Error> {
                            #[allow(unused_mut)]
                            let mut params = $id::default();
                            let operation = <$id as $crate::model::descriptor::Params>::OPERATION;
                            while let Some(key) = map.next_key::<String>()? {
                                match key.as_str() {
                                    $(stringify!($name) => {
                                        let patch = map.next_value()?;
                                        params.$name = <$ty as $crate::model::descriptor::Slot>::from_patch(patch).ok_or_else(|| {
                                            let name = stringify!($name);
                                            let problem = operation.field(name).map(|field| $crate::model::validate::refused_null(field, name.into()));
                                            serde::de::Error::custom(problem.map(|p| p.message).unwrap_or_default())
                                        })?;
                                    })*
                                    _ => {
                                        let names: Vec<String> = operation.fields.iter().map(|f| f.name.into()).collect();
                                        let problem = $crate::model::validate::unknown_key(&key, &names, operation.id);
                                        return Err(serde::de::Error::custom(problem.message));
                                    }
                                }
                            }
                            Ok(params)
                        }
                    }
                    deserializer.deserialize_map(Visitor)
                }
            }

            impl $crate::model::descriptor::Params for $id {
                const OPERATION: &'static $crate::model::descriptor::Operation = &$crate::model::descriptor::Operation {
                    // Empty in the npm modules, which never read it: the ids' text is
                    // 115 B gzip there (22,285 -> 22,170).
                    id: if cfg!(feature = "npm") { "" } else { stringify!($id) },
                    method: method!($method),
                    path: $path,
                    fields: &[$(
                        $crate::model::descriptor::Field {
                            name: stringify!($name),
                            kind: <$ty as $crate::model::descriptor::Slot>::KIND,
                            nullable: <$ty as $crate::model::descriptor::Slot>::NULLABLE,
                            #[cfg(not(target_arch = "wasm32"))]
                            rule: rule_or_any!($($rule)?),
                            #[cfg(target_arch = "wasm32")]
                            rule: &rule_or_any!($($rule)?),
                            #[cfg(not(target_arch = "wasm32"))]
                            deprecated: has_flag!(deprecated in $($($field_flag)+)?),
                            empty_ignored: has_flag!(empty_ignored in $($($field_flag)+)?),
                            #[cfg(not(target_arch = "wasm32"))]
                            seed: has_flag!(seed in $($($field_flag)+)?),
                            #[cfg(not(target_arch = "wasm32"))]
                            doc: concat!($($field_doc, "\n",)*),
                        },
                    )*],
                    resource: <$response as $crate::model::descriptor::FromResource>::RESOURCE,
                    #[cfg(not(target_arch = "wasm32"))]
                    success: status_or_200!($($status)?),
                    retry: !has_flag!(no_retry in $($($flag)+)?),
                    #[cfg(not(target_arch = "wasm32"))]
                    deprecated: has_flag!(deprecated in $($($flag)+)?),
                    js: &[$((group!($group), stringify!($js))),+],
                    #[cfg(not(target_arch = "wasm32"))]
                    rust: stringify!($rust),
                    #[cfg(not(target_arch = "wasm32"))]
                    doc: concat!($($doc, "\n",)*),
                };
                type Response = $response;

                #[allow(unused_mut, unused_variables, unused_assignments)]
                fn entries(&self) -> Vec<$crate::model::descriptor::Entry> {
                    let mut entries = Vec::new();
                    let mut index = 0;
                    $(
                        let patch = $crate::model::descriptor::Slot::patch(&self.$name);
                        if !patch.is_absent() {
                            entries.push((index, patch));
                        }
                        index += 1;
                    )*
                    entries
                }
            }
        )*

        /// Every operation, in declaration order. The JS API refers to operations by their
        /// index in this table.
        pub const OPERATIONS: &[&$crate::model::descriptor::Operation] =
            &[$(<$id as $crate::model::descriptor::Params>::OPERATION),*];

        /// Invokes `$callback!` with every operation: `$(#[doc] Id, rust_method, Response;)*`.
        macro_rules! each_operation {
            ($d callback:ident) => {
                $d callback! { $( $(#[doc = $doc])* $id, $rust, $response; )* }
            };
        }
    };
}

/// Declares the response resources: a struct per resource, every field an `Option` (the API
/// may leave any of them out), and its [`Resource`](crate::Resource) descriptor.
macro_rules! resources {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $object:literal {
            $(
                $(#[doc = $field_doc:literal])*
                $field:ident : $ty:ty
            ),* $(,)?
        }
    )*) => {
        /// Every response resource, in declaration order.
        pub const RESOURCES: &[&$crate::model::descriptor::Resource] = &[$(
            match <$name as $crate::model::descriptor::FromResource>::RESOURCE {
                Some(resource) => resource,
                None => unreachable!(),
            }
        ),*];

        $(
            $(#[doc = $doc])*
            #[derive(Clone, Debug, Default, PartialEq)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
            pub struct $name {
                $(
                    $(#[doc = $field_doc])*
                    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
                    pub $field: Option<$ty>,
                )*
            }

            impl $crate::model::descriptor::FromResource for $name {
                const RESOURCE: Option<&'static $crate::model::descriptor::Resource> = Some(&$crate::model::descriptor::Resource {
                    #[cfg(not(target_arch = "wasm32"))]
                    name: stringify!($name),
                    #[cfg(not(target_arch = "wasm32"))]
                    object: $object,
                    fields: &[$(
                        $crate::model::descriptor::ResourceField {
                            name: stringify!($field),
                            kind: <$ty as $crate::model::descriptor::Scalar>::KIND,
                            #[cfg(not(target_arch = "wasm32"))]
                            doc: concat!($($field_doc, "\n",)*),
                        },
                    )*],
                    #[cfg(not(target_arch = "wasm32"))]
                    doc: concat!($($doc, "\n",)*),
                });

                fn from_fields(fields: Vec<$crate::model::patch::Patch<$crate::model::descriptor::Value>>) -> Self {
                    let mut fields = fields.into_iter();
                    Self {
                        $(
                            $field: fields
                                .next()
                                .and_then($crate::model::patch::Patch::value)
                                .and_then(<$ty as $crate::model::descriptor::Scalar>::from_value),
                        )*
                    }
                }
            }
        )*
    };
}

macro_rules! read_or_none {
    () => {
        None
    };
    ($read:ident) => {
        Some(<$read as $crate::model::descriptor::Params>::OPERATION)
    };
}

/// Declares the sections of a settings document, in the order they are applied: the `SECTIONS`
/// table and the [`Settings`](crate::Settings) struct, with a `Deserialize` that refuses unknown
/// sections and `null` by name, on every deserializer, as the params do.
///
/// ```text
/// /// Docs of the section.
/// rust_field = "jsName": UpdateParams [, read ReadParams] [[beta]];
/// ```
macro_rules! settings {
    ($(
        $(#[doc = $doc:literal])*
        $field:ident = $name:literal : $update:ident $(, read $read:ident)? $([$flag:ident])?;
    )*) => {
        /// Every section of a settings document, in the order `apply` sends them.
        pub const SECTIONS: &[Section] = &[$(
            Section {
                name: $name,
                update: <$update as $crate::model::descriptor::Params>::OPERATION,
                read: read_or_none!($($read)?),
                beta: has_flag!(beta in $($flag)?),
                #[cfg(not(target_arch = "wasm32"))]
                doc: concat!($($doc, "\n",)*),
            }
        ),*];

        /// The desired settings of an instance, section by section: a missing section is not
        /// managed, and inside a section the params keep their tri-state (a missing field is not
        /// managed, `Null` is sent as `null`). With the `serde` feature it reads and writes the
        /// document's JSON: the section names of the JS API (`organizationSettings`) and, inside
        /// them, the API's field names, as every params struct does.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Settings {
            $(
                $(#[doc = $doc])*
                pub $field: Option<$update>,
            )*
        }

        impl Settings {
            /// The sections the document manages, in apply order, each with its set fields.
            #[allow(unused_assignments)]
            pub fn entries(&self) -> Vec<(&'static Section, Vec<$crate::model::descriptor::Entry>)> {
                let mut out = Vec::new();
                let mut index = 0;
                $(
                    if let (Some(params), Some(section)) = (&self.$field, SECTIONS.get(index)) {
                        out.push((section, $crate::model::descriptor::Params::entries(params)));
                    }
                    index += 1;
                )*
                out
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for Settings {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $(
                    if let Some(params) = &self.$field {
                        map.serialize_entry($name, params)?;
                    }
                )*
                map.end()
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for Settings {
            /// Reads every key: an unknown section is an error naming the nearest one, `null` for
            /// a section is an error, a `$schema` string (an editor's link to the JSON Schema) is
            /// skipped, and a section's own errors are named `section.param`.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = Settings;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("an object of settings sections")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Settings, A::Error> {
                        use serde::de::Error;
                        let mut settings = Settings::default();
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                "$schema" => {
                                    map.next_value::<String>()?;
                                }
                                $($name => {
                                    let section = map.next_value::<$crate::model::patch::Patch<$update>>();
                                    settings.$field = match section {
                                        Ok($crate::model::patch::Patch::Value(params)) => Some(params),
                                        Ok(_) => return Err(A::Error::custom(null_section($name).message)),
                                        Err(error) => return Err(A::Error::custom(within_section($name, &error))),
                                    };
                                })*
                                _ => {
                                    let names: Vec<String> = SECTIONS.iter().map(|s| s.name.into()).collect();
                                    return Err(A::Error::custom($crate::model::validate::unknown_section(&key, &names).message));
                                }
                            }
                        }
                        Ok(settings)
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
}
