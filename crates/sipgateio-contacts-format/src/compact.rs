//! Lists decoded at their exact length: the contact lists of a decoded contact (`numbers`,
//! `emails`, `addresses`, `organization` and the `type` lists) hold one or two entries, but
//! serde's `Vec` starts at room for four when the format (JSON) does not say the length. A
//! decoded contact then spans about 2 KB of heap instead of under 1 KB, so writing 100,000 of
//! them out (vCard, CSV) reads twice the memory, scattered; these lists allocate exactly what
//! they hold instead.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

/// A list that allocates exactly its length: one entry is read before any allocation, a single
/// entry gets a `Vec` of capacity one, longer lists grow as usual and are then shrunk.
pub(crate) struct Compact<T>(pub(crate) Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Compact<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(CompactVisitor(PhantomData))
    }
}

struct CompactVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for CompactVisitor<T> {
    type Value = Compact<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Some(first) = seq.next_element()? else {
            return Ok(Compact(Vec::new()));
        };
        let Some(second) = seq.next_element()? else {
            return Ok(Compact(vec![first]));
        };
        // At most a few entries ahead of time, whatever length the input claims.
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(2).clamp(2, 16) + 2);
        list.push(first);
        list.push(second);
        while let Some(next) = seq.next_element()? {
            list.push(next);
        }
        list.shrink_to_fit();
        Ok(Compact(list))
    }
}

/// A list field: `null` or missing is empty, a list is [`Compact`].
pub(crate) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Compact<T>>::deserialize(deserializer)?.map_or_else(Vec::new, |list| list.0))
}

/// A list of lists (`organization`): `null` or missing is empty, every level [`Compact`].
pub(crate) fn nested_list<'de, D, T>(deserializer: D) -> Result<Vec<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    // Same size and alignment: the outer list is reused in place, its capacity kept exact.
    Ok(list::<D, Compact<T>>(deserializer)?
        .into_iter()
        .map(|inner| inner.0)
        .collect())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Lists {
        #[serde(default, deserialize_with = "super::list")]
        flat: Vec<String>,
        #[serde(default, deserialize_with = "super::nested_list")]
        nested: Vec<Vec<String>>,
    }

    fn decode(json: &str) -> Lists {
        serde_json::from_str(json).expect("valid lists")
    }

    #[test]
    fn lengths_zero_to_many_keep_every_entry_in_order_at_exact_capacity() {
        for n in 0..40 {
            let entries: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
            let json = serde_json::json!({"flat": entries, "nested": [entries, ["x"]]}).to_string();
            let lists = decode(&json);
            assert_eq!(lists.flat, entries);
            assert_eq!(lists.flat.capacity(), n, "flat list of {n}");
            assert_eq!(lists.nested, [entries.clone(), vec!["x".to_owned()]]);
            assert_eq!(lists.nested.capacity(), 2);
            assert_eq!(lists.nested[0].capacity(), n, "inner list of {n}");
            assert_eq!(lists.nested[1].capacity(), 1);
        }
    }

    #[test]
    fn null_and_missing_are_empty() {
        let lists = decode(r#"{"flat": null, "nested": null}"#);
        assert!(lists.flat.is_empty() && lists.nested.is_empty());
        let lists = decode("{}");
        assert!(lists.flat.is_empty() && lists.nested.is_empty());
    }

    #[test]
    fn a_wrong_shape_is_an_error_naming_what_was_expected() {
        for json in [
            r#"{"flat": "one"}"#,
            r#"{"flat": [1]}"#,
            r#"{"nested": ["one"]}"#,
            r#"{"flat": ["a", 2]}"#,
            r#"{"flat": ["a", "b", 3]}"#,
        ] {
            let error = serde_json::from_str::<Lists>(json)
                .err()
                .unwrap_or_else(|| panic!("{json} decoded"));
            assert!(error.to_string().contains("expected"), "{json}: {error}");
        }
    }
}
