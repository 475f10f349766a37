//! Fixes: a denied call's one-edit repair of the scenario, as data. A [`Fix`] names the
//! scenario item it edits and lists its [`Edit`]s (JSON pointers into the scenario with
//! RFC 6902's `add`, `replace` and `remove`); [`apply_fix`] applies them to the scenario
//! document and [`fix_diff`] shows the item before and after, line by line.

mod apply;
mod diff;
mod edit;

pub use apply::{apply_fix, FixError};
pub use diff::{fix_diff, DiffKind, DiffLine};
pub use edit::{Edit, EditOp, Fix};
