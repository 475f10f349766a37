//! The page's panels, each a view of the model with the actions it can dispatch.

pub mod accounts;
pub mod calls;
pub mod dataflow;
pub mod history;
pub mod notice;
pub mod outcome;
pub mod problems;
pub mod skip;
pub mod toolbar;
pub mod workbench;

use crate::model::Model;
use yew::UseReducerDispatcher;

/// What every panel gets: the state to show and the way to change it.
pub struct View<'a> {
    pub model: &'a Model,
    pub dispatch: &'a UseReducerDispatcher<Model>,
}

/// Pretty JSON text of a value.
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
