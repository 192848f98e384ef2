//! Enums kept in the database by name.
//!
//! Each such enum derives its names with strum (`IntoStaticStr`, `EnumString`, `EnumIter`,
//! `serialize_all = "snake_case"`, the same names serde gives it in JSON) and gets `as_str`
//! and `parse` from [`stored_names!`]; its Vietnamese `label()` stays hand-written (that is
//! data). Row mappers read such a column with [`super::decode::stored`], which refuses a name
//! this build does not know with an error naming the table, record, column and value.

/// An enum whose variants are stored as their snake_case names.
pub(crate) trait StoredEnum: Copy + Sized {
    fn from_stored(s: &str) -> Option<Self>;
}

/// `iter()`, every variant in declaration order, for enums deriving `strum::EnumIter`
/// (callers need not import strum's trait).
macro_rules! variants {
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            /// Every variant, in declaration order.
            pub fn iter() -> impl Iterator<Item = Self> {
                <Self as strum::IntoEnumIterator>::iter()
            }
        }
    )*};
}
pub(crate) use variants;

/// `as_str()` (the stored name), `parse()` (its inverse) and `iter()` for enums deriving
/// `strum::IntoStaticStr`, `strum::EnumString` and `strum::EnumIter`.
macro_rules! stored_names {
    ($($t:ty),* $(,)?) => {$(
        $crate::store::stored::variants!($t);
        impl $t {
            /// The name stored in the database (the same as in JSON).
            pub fn as_str(self) -> &'static str {
                self.into()
            }
            /// The variant whose stored name is `s`; `None` for any other text.
            pub fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
        }
        impl $crate::store::stored::StoredEnum for $t {
            fn from_stored(s: &str) -> Option<Self> {
                Self::parse(s)
            }
        }
    )*};
}
pub(crate) use stored_names;
