//! The current event's details under the history table: its timestamp (the table leaves
//! that column out where it is narrow), then its `*EventDetails` and the playground's
//! annotations, folded; the JSON is only built while unfolded.

use crate::panels::pretty;
use serde_json::Value;
use yew::prelude::*;

/// The details' inputs.
#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    /// The event's id.
    pub id: u64,
    /// The event's type.
    pub kind: AttrValue,
    /// The event, as GetExecutionHistory returns it (with the playground's annotations).
    pub event: Value,
}

/// The current event's details.
#[function_component(EventDetails)]
pub fn event_details(props: &DetailsProps) -> Html {
    let open = use_state_eq(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            );
        })
    };
    let body = if *open {
        let details: Value = props
            .event
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| k.ends_with("Details") || *k == "playground")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        html! { <pre class="json">{ pretty(&details) }</pre> }
    } else {
        html! {}
    };
    html! {
        <details class="event-details" data-testid="event-details" {ontoggle}>
            <summary>{ match props.event.get("timestamp").and_then(Value::as_str) {
                Some(at) => format!("Event {} · {} at {at} · details", props.id, props.kind),
                None => format!("Event {} · {} details", props.id, props.kind),
            } }</summary>
            { body }
        </details>
    }
}
