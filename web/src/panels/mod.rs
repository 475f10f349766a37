//! The page's panels, each a view of the model with the actions it can dispatch.

pub mod accounts;
pub mod calls;
pub mod dataflow;
pub mod diagram;
pub mod fix;
pub mod history;
pub mod notice;
pub mod outcome;
pub mod problems;
pub mod skip;
pub mod toolbar;
pub mod workbench;

use crate::model::Model;
use yew::{Callback, UseReducerDispatcher};

/// What every panel gets: the state to show and the way to change it.
pub struct View<'a> {
    pub model: &'a Model,
    pub dispatch: &'a UseReducerDispatcher<Model>,
    /// Abandons the run under way.
    pub cancel: &'a Callback<()>,
}

/// Pretty JSON text of a value.
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The diagram of the run across accounts, when there is a run.
pub fn crossing(v: &View) -> yew::Html {
    use std::rc::Rc;
    let Some(report) = v.model.report.as_ref() else {
        return yew::Html::default();
    };
    let names = crate::document::accounts(&v.model.doc);
    let order: Vec<String> = names.iter().map(|(id, _)| id.clone()).collect();
    let d = v.dispatch.clone();
    yew::html! {
        <diagram::CrossingDiagram
            diagram={Rc::new(diagram::Diagram::of(report, &order))}
            names={Rc::new(names)}
            on_call={Callback::from(move |i| d.dispatch(crate::model::Action::ShowCall(i)))}
        />
    }
}
