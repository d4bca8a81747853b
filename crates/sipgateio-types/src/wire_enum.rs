//! [`wire_enum!`](crate::wire_enum): a string enum of the API that keeps values it does not know.

/// Declares an open string enum of the sipgate API: one unit variant per known wire value and
/// an `Unknown(String)` variant for every other value.
///
/// The enum is `#[non_exhaustive]` and derives `Clone`, `Debug`, `PartialEq`, `Eq` and `Hash`.
/// It gets:
///
/// - `as_str()`, as visible as the enum — the value on the wire (an unknown value as the server
///   sent it);
/// - `Display` — the wire value (padding and alignment flags are honoured);
/// - `FromStr` with `Err = Infallible`, `From<&str>` and `From<String>` — a value that is not
///   known becomes `Unknown` and is kept as it was;
/// - `Serialize`/`Deserialize` as the plain string, so new server values never break decoding
///   and survive a round trip.
///
/// Each variant may carry doc comments and attributes (`#[doc(alias = "…")]`,
/// `#[deprecated]`, …). The generated code reaches serde through this crate, so a crate that
/// uses the macro needs no direct serde dependency.
///
/// ```
/// sipgateio_types::wire_enum! {
///     /// How a call ended.
///     pub enum Outcome {
///         /// Somebody picked up.
///         #[doc(alias = "answered")]
///         Pickup = "PICKUP",
///         /// The line was busy.
///         Busy = "BUSY",
///     }
/// }
///
/// assert_eq!(Outcome::from("BUSY"), Outcome::Busy);
/// assert_eq!(Outcome::Pickup.as_str(), "PICKUP");
/// assert_eq!(Outcome::Busy.to_string(), "BUSY");
///
/// let parsed: Outcome = "TIMEOUT".parse().unwrap_or_else(|never| match never {});
/// assert_eq!(parsed, Outcome::Unknown("TIMEOUT".into()));
///
/// let decoded: Vec<Outcome> = serde_json::from_str(r#"["PICKUP","TIMEOUT"]"#)?;
/// assert_eq!(decoded[1].as_str(), "TIMEOUT");
/// assert_eq!(serde_json::to_string(&decoded)?, r#"["PICKUP","TIMEOUT"]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $value:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )+
            /// A value this version of the SDK does not know, kept as the server sent it.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value on the wire; an unknown value as the server sent it.
            #[allow(deprecated)]
            $vis fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            #[allow(deprecated)]
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)+
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            #[allow(deprecated)]
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)+
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(<Self as ::std::convert::From<&str>>::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::__serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::__serde::Deserializer<'de>,
            {
                $crate::__private::deserialize_wire_str(deserializer)
            }
        }
    };
}

/// Support code of the exported macros; not part of the API.
#[doc(hidden)]
pub mod __private {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    /// Reads a string and converts it with `From<&str>` or (when the deserializer hands over
    /// an owned string) `From<String>`, without copying it twice.
    pub fn deserialize_wire_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: for<'a> From<&'a str> + From<String>,
    {
        struct WireStr<T>(PhantomData<T>);

        impl<T> Visitor<'_> for WireStr<T>
        where
            T: for<'a> From<&'a str> + From<String>,
        {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
                Ok(T::from(value))
            }

            fn visit_string<E: Error>(self, value: String) -> Result<T, E> {
                Ok(T::from(value))
            }
        }

        deserializer.deserialize_str(WireStr(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    crate::wire_enum! {
        /// A test enum.
        pub(crate) enum Color {
            /// Red.
            #[doc(alias = "rot")]
            Red = "RED",
            /// Dark blue.
            DarkBlue = "DARK_BLUE"
        }
    }

    crate::wire_enum! {
        enum Single {
            /// The only one.
            One = "ONE",
        }
    }

    #[test]
    fn known_values_round_trip() {
        for (value, wire) in [(Color::Red, "RED"), (Color::DarkBlue, "DARK_BLUE")] {
            assert_eq!(value.as_str(), wire);
            assert_eq!(value.to_string(), wire);
            assert_eq!(Color::from(wire), value);
            assert_eq!(Color::from(wire.to_owned()), value);
            assert_eq!(wire.parse::<Color>(), Ok(value.clone()));
            let json = serde_json::to_string(&value).expect("serializes");
            assert_eq!(json, format!("\"{wire}\""));
            assert_eq!(serde_json::from_str::<Color>(&json).ok(), Some(value));
        }
        assert_eq!(Single::from("ONE"), Single::One);
    }

    #[test]
    fn unknown_values_are_kept() {
        let unknown = Color::from("MAUVE");
        assert_eq!(unknown, Color::Unknown("MAUVE".to_owned()));
        assert_eq!(unknown.as_str(), "MAUVE");
        assert_eq!(unknown.to_string(), "MAUVE");
        // Matching is exact: another case is another value.
        assert_eq!(Color::from("red"), Color::Unknown("red".to_owned()));
        assert_eq!("".parse::<Color>(), Ok(Color::Unknown(String::new())));

        let decoded: Vec<Color> =
            serde_json::from_str(r#"["RED","MAUVE","DARK_BLUE"]"#).expect("strings");
        assert_eq!(
            decoded,
            [
                Color::Red,
                Color::Unknown("MAUVE".to_owned()),
                Color::DarkBlue
            ]
        );
        assert_eq!(
            serde_json::to_string(&decoded).expect("serializes"),
            r#"["RED","MAUVE","DARK_BLUE"]"#
        );
        // An escaped string reaches the visitor as an owned string.
        let escaped: Color = serde_json::from_str(r#""M\u0041UVE""#).expect("string");
        assert_eq!(escaped, Color::Unknown("MAUVE".to_owned()));
    }

    #[test]
    fn non_strings_are_rejected() {
        let error = serde_json::from_str::<Color>("42").expect_err("a number");
        assert!(error.to_string().contains("expected a string"), "{error}");
        assert!(serde_json::from_str::<Color>("null").is_err());
        let optional: Option<Color> = serde_json::from_str("null").expect("null");
        assert_eq!(optional, None);
    }

    #[test]
    fn display_pads_and_values_hash() {
        assert_eq!(
            format!("{:>5}|{:<5}|", Color::Red, Color::Red),
            "  RED|RED  |"
        );
        let set: HashSet<Color> = [Color::Red, Color::from("RED"), Color::from("X")].into();
        assert_eq!(set.len(), 2);
    }
}
