//! Examples of breaking changes: for a change `pytc api diff` finds, calling code written
//! against the old API that pytc accepts there and rejects against the new one, with the
//! error it reports. A change whose candidate snippets do not show that gets no example.

mod snippet;
mod verify;

pub use snippet::Snippet;
pub use verify::ApiExample;

use crate::diff::ApiChange;
use crate::package::ApiPackage;
use crate::Bump;

/// At most this many examples per diff (each costs a check of a small module against both
/// versions).
const MAX_EXAMPLES: usize = 100;

/// Fills in `example` for the breaking changes in `changes` that have candidate snippets.
pub fn attach_examples(old: &ApiPackage, new: &ApiPackage, changes: &mut [ApiChange]) {
    let breaking = changes.iter_mut().filter(|change| change.bump == Bump::Major && !change.candidates.is_empty());
    for (number, change) in breaking.take(MAX_EXAMPLES).enumerate() {
        change.example = verify::first_breaking_example(old, new, &change.candidates, number);
    }
}
