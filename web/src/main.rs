//! The playground in the browser: a Yew single-page app that runs the engines in the page.

mod app;
mod ask;
mod browser;
mod complete;
mod document;
mod editor;
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
