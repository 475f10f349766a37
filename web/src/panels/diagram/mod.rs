//! The run across accounts: a diagram of who called whom (state machine → execution role →
//! AssumeRole → role in the other account → the calls it made), each edge green or red and
//! a link to its call, with the same hops as a numbered list (what narrow screens and screen
//! readers get).

mod model;
mod view;

pub use model::Diagram;
pub use view::CrossingDiagram;
