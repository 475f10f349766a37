//! The page's panels, each a view of the model with the actions it can dispatch. Each is
//! drawn by a [`Panel`] component that reads the page from context ([`Page`]); the history,
//! graph, diagram and notices are components of their own with narrow props.

pub mod accounts;
pub mod ask;
pub mod calls;
pub mod dataflow;
pub mod diagram;
pub mod fix;
pub mod history;
pub mod notice;
pub mod outcome;
pub mod paused;
pub mod problems;
pub mod skip;
pub mod toolbar;
pub mod workbench;

use crate::model::Model;
use yew::{
    function_component, use_context, Callback, Html, Properties, UseReducerDispatcher,
    UseReducerHandle,
};

/// What the panels read from context: the page's state, the way to change it, and Cancel.
#[derive(Clone)]
pub struct Page {
    pub model: UseReducerHandle<Model>,
    /// The model's content stamp when this context was made.
    pub content: u64,
    pub dispatch: UseReducerDispatcher<Model>,
    /// Abandons the run under way.
    pub cancel: Callback<()>,
}

impl PartialEq for Page {
    /// The same content (every action but a step makes a new one; comparing the models by
    /// value would walk a 25,000-event report on every render). Panels that follow the
    /// step-through get the step stamp as a prop.
    fn eq(&self, other: &Self) -> bool {
        self.content == other.content
    }
}

impl Page {
    /// The panels' view of the page.
    pub fn view(&self) -> View<'_> {
        View {
            live: &self.model,
            model: &self.model,
            dispatch: &self.dispatch,
            cancel: &self.cancel,
        }
    }
}

/// A panel's view function.
pub type Draw = fn(&View) -> Html;

/// Which panel to draw.
#[derive(Properties)]
pub struct PanelProps {
    /// The panel's view function (`outcome::view`, `calls::view` …).
    pub draw: Draw,
    /// For a panel that follows the step-through: the model's step stamp (it re-renders
    /// when it changes); 0 for the others, which re-render when the content changes.
    #[prop_or_default]
    pub steps: u64,
}

impl PartialEq for PanelProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.draw, other.draw) && self.steps == other.steps
    }
}

/// A panel: draws its view of the page it finds in context.
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    match use_context::<Page>() {
        Some(page) => (props.draw)(&page.view()),
        None => Html::default(),
    }
}

/// What every panel gets: the state to show and the way to change it.
pub struct View<'a> {
    pub model: &'a Model,
    /// The page's state as it will be when a callback runs (for what must not be computed
    /// on every render, like a share link).
    pub live: &'a UseReducerHandle<Model>,
    pub dispatch: &'a UseReducerDispatcher<Model>,
    /// Abandons the run under way.
    pub cancel: &'a Callback<()>,
}

/// Pretty JSON text of a value.
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// `n` and the noun, plural unless `n` is 1: "1 warning", "0 errors".
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
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

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn counts_take_the_plural_unless_one() {
        assert_eq!(counted(1, "warning"), "1 warning");
        assert_eq!(counted(0, "error"), "0 errors");
        assert_eq!(counted(2, "API call"), "2 API calls");
    }
}
