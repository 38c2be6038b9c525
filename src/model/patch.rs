//! [`Patch`]: the tri-state of every field of an update.

use alloc::string::String;

/// One field of an update: left out, sent as `null`, or sent with a value.
///
/// `Absent` is not serialized at all, so the server keeps its current setting. `Null` is sent as
/// JSON `null`; for most fields the API treats that like `Absent`, but for some (`default_scopes`)
/// it resets to Clerk's default. `Value` is sent as the value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Not sent: the server keeps its current setting.
    #[default]
    Absent,
    /// Sent as `null`.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Patch<T> {
    /// True when the field is left out of the request.
    pub const fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// Borrows the value, keeping the state.
    pub const fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(value) => Patch::Value(value),
        }
    }

    /// Maps the value, keeping `Absent` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(value) => Patch::Value(f(value)),
        }
    }

    /// The value, if one is set.
    pub fn value(self) -> Option<T> {
        match self {
            Patch::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl From<&str> for Patch<String> {
    fn from(value: &str) -> Self {
        Patch::Value(value.into())
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for Patch<T> {
    /// `Absent` must be skipped by the containing struct
    /// (`skip_serializing_if = "Patch::is_absent"`); on its own it serializes like `Null`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(value) => serializer.serialize_some(value),
            _ => serializer.serialize_none(),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Patch<T> {
    /// A present `null` becomes `Null`; a missing key becomes `Absent` through `#[serde(default)]`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Patch::Value(value),
            None => Patch::Null,
        })
    }
}
