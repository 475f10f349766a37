//! The playground in the browser: a Yew single-page app that runs the engines in the page,
//! and exports the engines' JavaScript API (`engines_api`) on `window.wasmBindings`.

mod app;
mod ask;
mod browser;
mod complete;
mod document;
mod editor;
mod engines_api;
mod graph;
mod link;
mod model;
mod panels;
mod report;
mod runner;
mod undo;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
