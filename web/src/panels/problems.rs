//! Every problem in the scenario (validation, lint, JSON that does not parse) and its access
//! findings (access from outside an account or organization, public access); each one jumps
//! to its place in the editor.

use super::View;
use crate::model::{owning_item, Action};
use jsonloc::DiagnosticCode;
use sim::Severity;
use std::collections::HashMap;
use yew::prelude::*;

struct Problem {
    item: String,
    line: usize,
    column: usize,
    severity: String,
    code: String,
    message: String,
    pointer: String,
}

fn collect(v: &View) -> Vec<Problem> {
    let mut out: Vec<Problem> = v
        .model
        .drafts
        .iter()
        .filter_map(|(pointer, text)| {
            let e = jsonloc::parse(text).err()?;
            Some(Problem {
                item: pointer.clone(),
                line: e.position.line,
                column: e.position.column,
                severity: "error".into(),
                code: "INVALID_JSON".into(),
                message: format!(
                    "{} — the last valid version is used until this is fixed; its other problems show again once it parses",
                    e.message
                ),
                pointer: pointer.clone(),
            })
        })
        .collect();
    // Items whose text does not parse: the diagnostics describe their last valid version,
    // not the text on screen, so they are not listed.
    let broken: Vec<String> = out.iter().map(|p| p.item.clone()).collect();
    // Each item's text is written and indexed once, however many problems it has: a
    // policy of thousands of statements has thousands of them.
    let mut texts: HashMap<String, String> = HashMap::new();
    let statements = v.model.findings.iter().filter_map(|f| f.statements.first());
    let pointers = v
        .model
        .diagnostics
        .iter()
        .map(|d| d.pointer.as_str())
        .chain(statements.map(|s| s.pointer.as_str()));
    for pointer in pointers {
        let item = owning_item(&v.model.doc, pointer);
        if let std::collections::hash_map::Entry::Vacant(slot) = texts.entry(item) {
            let text = v.model.item_text(slot.key());
            slot.insert(text);
        }
    }
    let indices: HashMap<&str, jsonloc::Index> = texts
        .iter()
        .map(|(item, text)| (item.as_str(), jsonloc::Index::new(text)))
        .collect();
    for d in v.model.diagnostics.iter() {
        let pointer = d.pointer.clone();
        let item = owning_item(&v.model.doc, &pointer);
        if broken.contains(&item) {
            continue;
        }
        let at = indices.get(item.as_str()).and_then(|index| {
            index.locate_inner(
                pointer.strip_prefix(item.as_str()).unwrap_or_default(),
                d.inner,
            )
        });
        out.push(Problem {
            item,
            line: at.map_or(1, |p| p.line),
            column: at.map_or(1, |p| p.column),
            severity: match d.severity {
                Severity::SecurityWarning => Severity::Warning,
                s => s,
            }
            .as_str()
            .to_string(),
            code: d.code.as_str().to_string(),
            message: d.message.clone(),
            pointer,
        });
    }
    // Access findings (the confused deputy is already a lint diagnostic): what crosses the
    // zone of trust or is public, at the statement that grants it.
    for f in v.model.findings.iter() {
        let code = match f.kind {
            access::FindingKind::ExternalAccess => "EXTERNAL_ACCESS",
            access::FindingKind::PublicAccess => "PUBLIC_ACCESS",
            access::FindingKind::ConfusedDeputy => continue,
        };
        let Some(statement) = f.statements.first() else {
            continue;
        };
        let pointer = statement.pointer.clone();
        let item = owning_item(&v.model.doc, &pointer);
        let at = indices.get(item.as_str()).and_then(|index| {
            index.locate(pointer.strip_prefix(item.as_str()).unwrap_or_default())
        });
        out.push(Problem {
            item,
            line: at.map_or(1, |p| p.line),
            column: at.map_or(1, |p| p.column),
            severity: "finding".into(),
            code: code.into(),
            message: f.message.clone(),
            pointer,
        });
    }
    let rank = |s: &str| match s {
        "error" => 0,
        "warning" => 1,
        "finding" => 3,
        _ => 2,
    };
    out.sort_by(|a, b| {
        rank(&a.severity)
            .cmp(&rank(&b.severity))
            .then(a.pointer.cmp(&b.pointer))
    });
    out
}

/// The problems list.
pub fn view(v: &View) -> Html {
    let problems = collect(v);
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    let warnings = problems.iter().filter(|p| p.severity == "warning").count();
    let checking = v.model.diagnostics_stale();
    html! {
        <section class={classes!("problems", checking.then_some("checking"))} aria-label="Problems" aria-busy={checking.to_string()}>
            <h2>
                { format!("Problems · {errors} errors · {warnings} warnings") }
                if checking { <span class="checking" data-testid="problems-checking">{" · checking…"}</span> }
            </h2>
            <ul data-testid="problems-list">
                { for problems.into_iter().map(|p| {
                    let d = v.dispatch.clone();
                    let (item, line, column) = (p.item.clone(), p.line, p.column);
                    let onclick = Callback::from(move |_| d.dispatch(Action::Reveal(item.clone(), line, column)));
                    let glyph = match p.severity.as_str() { "error" => "✗", "warning" => "⚠", "finding" => "⇄", _ => "ℹ" };
                    html! {
                        <li data-testid="problem" class={classes!("problem", p.severity.clone())}>
                            <button {onclick} title={p.pointer.clone()}>
                                <span class="sev" aria-label={p.severity.clone()}>{ glyph }</span>
                                <span class="code">{ p.code }</span>
                                <span class="msg">{ p.message }</span>
                                <span class="where">{ format!("{}:{}:{}", p.item.rsplit('/').next().unwrap_or_default().replace("~1", "/"), p.line, p.column) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
