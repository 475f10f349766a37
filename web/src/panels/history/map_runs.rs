//! The Map Runs a Distributed Map state of this execution ran: item counts, status, the
//! child executions (each a link to its own history) and what ResultWriter wrote; and, on
//! a child execution, the way back to its Map Run.

use super::timeline::ExecutionRef;
use crate::panels::counted;
use yew::prelude::*;

/// How many child executions are listed by name; the rest are counted.
const CHILDREN_SHOWN: usize = 25;

/// The Map Runs of `history` and, for a child execution, the link back to its parent;
/// `None` when it has neither.
pub fn view(history: &ExecutionRef, on_show_execution: &Callback<usize>) -> Option<Html> {
    let report = history.report();
    let open = |i: usize| on_show_execution.reform(move |_: MouseEvent| i);
    let back = history
        .record()
        .and_then(|r| r.map_run)
        .and_then(|m| report.map_runs.get(m))
        .map(|run| {
            html! {
                <button class="nested-link" data-testid="map-run-parent" onclick={open(run.execution)}>
                    { format!("↑ back to the Map Run of {} (item {} of {})", run.state_name,
                        run.children.iter().position(|&c| c == history.index()).map_or(0, |p| p + 1),
                        run.item_counts.total) }
                </button>
            }
        });
    let runs: Vec<Html> = report
        .map_runs
        .iter()
        .filter(|run| run.execution == history.index())
        .map(|run| {
            let counts = run.item_counts;
            let children = run.children.iter().take(CHILDREN_SHOWN).map(|&i| {
                let child = report.executions.get(i);
                let label = child.map_or_else(String::new, |c| format!("{} · {}", c.name, c.status));
                let failed = child.is_some_and(|c| c.status != "SUCCEEDED");
                html! {
                    <li><button class={classes!("nested-link", failed.then_some("failed"))} data-testid="map-run-child" onclick={open(i)}>{ label }</button></li>
                }
            });
            let more = run.children.len().saturating_sub(CHILDREN_SHOWN);
            let written = run.result_writer.as_ref().map(|w| {
                html! {
                    <details class="map-run-written">
                        <summary>{ format!("ResultWriter wrote {} to s3://{}", counted(w.objects.len(), "object"), w.bucket) }</summary>
                        { for w.objects.iter().map(|o| html! {
                            <div><code>{ &o.key }</code><pre class="json">{ &o.body }</pre></div>
                        }) }
                    </details>
                }
            });
            html! {
                <section class="map-run" data-testid="map-run" aria-label={format!("Map Run of {}", run.state_name)}>
                    <h4>
                        { format!("Map Run of {} · {}", run.state_name, run.status) }
                        if let Some(e) = &run.error { <span class="error-name">{ format!(" {e}") }</span> }
                    </h4>
                    <p class="map-run-counts" data-testid="map-run-counts">
                        { format!("{}: {} succeeded, {} failed, {} pending", counted(counts.total, "item"), counts.succeeded, counts.failed, counts.pending) }
                    </p>
                    if let Some(cause) = &run.cause { <p class="map-run-cause">{ cause }</p> }
                    <p class="map-run-arn"><code>{ &run.map_run_arn }</code></p>
                    <ul aria-label="Child executions">{ for children }</ul>
                    if more > 0 { <p class="hint">{ format!("and {more} more: pick them under Execution") }</p> }
                    { written.unwrap_or_default() }
                </section>
            }
        })
        .collect();
    if back.is_none() && runs.is_empty() {
        return None;
    }
    Some(html! {
        <>
            { back.unwrap_or_default() }
            { for runs }
        </>
    })
}
