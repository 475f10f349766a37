//! Test plumbing shared by the engines' data-driven and robustness tests (a dev-dependency
//! only): the `shared/` folder beside the repository, typed case files, a small JSON patcher,
//! large values written small (`fill`) and a seeded JSON mutator.

#![warn(missing_docs)]

pub mod cases;
pub mod fill;
pub mod mutate;
pub mod patch;
pub mod shared;
