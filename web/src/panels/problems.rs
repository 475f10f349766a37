//! Every problem in the scenario (validation, lint, JSON that does not parse) and its access
//! findings (access from outside an account or organization, public access); each one jumps
//! to its place in the editor.

use super::{counted, Page, View};
use crate::model::{Action, Items, Model};
use jsonloc::DiagnosticCode;
use serde::de::IgnoredAny;
use sim::Severity;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;
use yew::prelude::*;

/// The problems listed until the user asks for all: a policy of thousands of statements
/// has thousands of them, and a list that long made every keystroke lay the page out anew.
const LISTED: usize = 200;

#[derive(Clone, PartialEq, Eq)]
struct Problem {
    item: String,
    line: usize,
    column: usize,
    severity: String,
    code: String,
    message: String,
    pointer: String,
}

/// The items whose text on screen does not parse, each with its syntax error (a text is
/// first checked without building anything: most drafts parse), by pointer: the same items
/// make the same list whatever the map's order, as the panel's memo compares it.
fn unparsed(model: &Model) -> Vec<Problem> {
    let mut out: Vec<Problem> = model
        .drafts
        .iter()
        .filter(|(_, text)| serde_json::from_str::<IgnoredAny>(text).is_err())
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
    out.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    out
}

/// The diagnostics and access findings, placed in their items' texts and ranked; those of
/// an item whose text does not parse are left out (they describe its last valid version,
/// not the text on screen).
fn located(model: &Model, broken: &[String]) -> Vec<Problem> {
    let mut out = Vec::new();
    let items = Items::of(&model.doc);
    // Each item's text is written and indexed once, however many problems it has: a
    // policy of thousands of statements has thousands of them.
    let mut texts: HashMap<String, String> = HashMap::new();
    let statements = model.findings.iter().filter_map(|f| f.statements.first());
    let pointers = model
        .diagnostics
        .iter()
        .map(|d| d.pointer.as_str())
        .chain(statements.map(|s| s.pointer.as_str()));
    for pointer in pointers {
        let item = items.owning(pointer);
        if broken.contains(&item) {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(slot) = texts.entry(item) {
            let text = model.item_text(slot.key());
            slot.insert(text);
        }
    }
    let indices: HashMap<&str, jsonloc::Index> = texts
        .iter()
        .map(|(item, text)| (item.as_str(), jsonloc::Index::new(text)))
        .collect();
    for d in model.diagnostics.iter() {
        let pointer = d.pointer.clone();
        let item = items.owning(&pointer);
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
    for f in model.findings.iter() {
        let code = match f.kind {
            access::FindingKind::ExternalAccess => "EXTERNAL_ACCESS",
            access::FindingKind::PublicAccess => "PUBLIC_ACCESS",
            access::FindingKind::ConfusedDeputy => continue,
        };
        let Some(statement) = f.statements.first() else {
            continue;
        };
        let pointer = statement.pointer.clone();
        let item = items.owning(&pointer);
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
    out.sort_by(in_order);
    out
}

/// The list's order: errors first, then warnings, notes and findings, each by pointer.
fn in_order(a: &Problem, b: &Problem) -> Ordering {
    let rank = |severity: &str| match severity {
        "error" => 0,
        "warning" => 1,
        "finding" => 3,
        _ => 2,
    };
    rank(&a.severity)
        .cmp(&rank(&b.severity))
        .then(a.pointer.cmp(&b.pointer))
}

/// The problems list.
pub fn view(_: &View) -> Html {
    html! { <ProblemsPanel /> }
}

/// An `Rc` compared by identity (a new list of diagnostics is a new `Rc`); holding it keeps
/// its address from being reused.
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The panel: the located problems are worked out again only when the diagnostics, the
/// findings or the items that do not parse change, or, while no check is pending, when a
/// text changes (Format moves lines); not on every keystroke of a long policy, whose
/// problems are being checked anew.
#[function_component(ProblemsPanel)]
fn problems_panel() -> Html {
    let page = use_context::<Page>();
    let model = page.as_ref().map(|p| &*p.model);
    let unparsed = model.map(unparsed).unwrap_or_default();
    let broken: Vec<String> = unparsed.iter().map(|p| p.item.clone()).collect();
    let checking = model.is_some_and(Model::diagnostics_stale);
    let deps = model.map(|m| {
        let texts = (!checking).then(|| {
            let mut hasher = DefaultHasher::new();
            let mut drafts: Vec<_> = m.drafts.iter().collect();
            drafts.sort();
            drafts.hash(&mut hasher);
            hasher.finish()
        });
        (
            Same(Rc::clone(&m.diagnostics)),
            Same(Rc::clone(&m.findings)),
            broken.clone(),
            texts,
        )
    });
    let located = use_memo(deps, |_| {
        model.map(|m| located(m, &broken)).unwrap_or_default()
    });
    let problems = if unparsed.is_empty() {
        located
    } else {
        let mut all = unparsed;
        all.extend(located.iter().cloned());
        all.sort_by(in_order);
        Rc::new(all)
    };
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    let warnings = problems.iter().filter(|p| p.severity == "warning").count();
    html! {
        <section class={classes!("problems", checking.then_some("checking"))} aria-label="Problems" aria-busy={checking.to_string()}>
            <h2>
                { format!("Problems · {} · {}", counted(errors, "error"), counted(warnings, "warning")) }
                if checking { <span class="checking" data-testid="problems-checking">{" · checking…"}</span> }
            </h2>
            <ProblemList {problems} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    problems: Rc<Vec<Problem>>,
}

/// The first [`LISTED`] problems, and a button that lists them all.
#[function_component(ProblemList)]
fn problem_list(props: &ListProps) -> Html {
    let all = use_state(|| false);
    let Some(page) = use_context::<Page>() else {
        return Html::default();
    };
    let problems = &props.problems;
    let shown = if *all {
        problems.len()
    } else {
        problems.len().min(LISTED)
    };
    let rest = problems.len() - shown;
    html! {
        <ul data-testid="problems-list">
            { for problems.iter().take(shown).map(|p| row(p, &page.dispatch)) }
            if rest > 0 {
                <li class="problems-more" data-testid="problems-more">
                    { format!("{rest} more not listed ") }
                    <button onclick={Callback::from(move |_| all.set(true))}>
                        { format!("List all {}", problems.len()) }
                    </button>
                </li>
            }
        </ul>
    }
}

fn row(p: &Problem, dispatch: &UseReducerDispatcher<Model>) -> Html {
    let d = dispatch.clone();
    let (item, line, column) = (p.item.clone(), p.line, p.column);
    let onclick = Callback::from(move |_| d.dispatch(Action::Reveal(item.clone(), line, column)));
    let glyph = match p.severity.as_str() {
        "error" => "✗",
        "warning" => "⚠",
        "finding" => "⇄",
        _ => "ℹ",
    };
    let place = p
        .item
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .replace("~1", "/");
    html! {
        <li data-testid="problem" class={classes!("problem", p.severity.clone())}>
            <button {onclick} title={p.pointer.clone()}>
                <span class="sev" aria-label={p.severity.clone()}>{ glyph }</span>
                <span class="code">{ p.code.clone() }</span>
                <span class="msg">{ p.message.clone() }</span>
                <span class="where">{ format!("{place}:{}:{}", p.line, p.column) }</span>
            </button>
        </li>
    }
}
