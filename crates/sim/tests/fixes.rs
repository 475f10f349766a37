//! From failure to fix, on every case of `tests/cases/fixes/*.json`: `{"name", "doc",
//! "preset" | "scenario", "patch"?, "status", "denied"?}`. `status` is the run's. Without
//! `denied` every call is allowed and offers no fix. With `denied` = `{"action",
//! "headline", "advice"?, "fix", "diff"?, "statusAfterFix"?}`, the first denied call has
//! that action, headline (and advice) word for word and exactly that fix (`null`: none);
//! the fix's diff of its item is `diff` (lines `"  same"`, `"+ added"`, `"- removed"`), and
//! the scenario with the fix applied runs to `statusAfterFix` with that call allowed. On
//! every call of every case, headline and advice hold no JSON pointer and no backtick.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use testkit::patch::Op;

/// One case (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    doc: String,
    preset: Option<String>,
    scenario: Option<Value>,
    #[serde(default)]
    patch: Vec<Op>,
    status: String,
    denied: Option<Denied>,
}

/// The first denied call, and what it offers.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Denied {
    action: String,
    headline: String,
    advice: Option<String>,
    fix: Option<sim::Fix>,
    diff: Option<Vec<String>>,
    status_after_fix: Option<String>,
}

fn document(case: &Case) -> Result<Value, String> {
    let doc = testkit::patch::case_document(
        case.preset.as_deref(),
        case.scenario.as_ref(),
        &case.patch,
        |id| sim::preset(id).map(|p| p.text),
    )?;
    Ok(doc)
}

fn run(doc: &Value) -> Result<sim::Report, String> {
    let scenario = sim::Scenario::from_value(doc).map_err(|d| {
        let d: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        format!("invalid scenario: {}", d.join("; "))
    })?;
    Ok(sim::run(&scenario))
}

fn status(report: &sim::Report) -> &str {
    report.top().map_or("", |t| t.status.as_str())
}

/// Headline and advice are words and ARNs: no JSON pointer, no backtick.
fn words_only(report: &sim::Report) -> Result<(), String> {
    for (i, call) in report.calls.iter().enumerate() {
        let v = &call.decision;
        for text in std::iter::once(&v.headline).chain(&v.advice) {
            if text.is_empty() || text.contains('`') || text.contains("/accounts/") {
                return Err(format!("call {i}: not words only: {text:?}"));
            }
        }
    }
    Ok(())
}

fn diff_lines(doc: &Value, fix: &sim::Fix) -> Result<Vec<String>, String> {
    let diff = sim::fix_diff(doc, fix).map_err(|e| e.to_string())?;
    Ok(diff
        .iter()
        .map(|l| {
            let mark = match l.kind {
                sim::DiffKind::Same => ' ',
                sim::DiffKind::Added => '+',
                sim::DiffKind::Removed => '-',
            };
            format!("{mark} {}", l.text)
        })
        .collect())
}

fn check(case: &Case) -> Result<(), String> {
    if case.doc.is_empty() {
        return Err("no `doc` citing the AWS documentation".into());
    }
    let doc = document(case)?;
    let report = run(&doc)?;
    words_only(&report)?;
    if status(&report) != case.status {
        return Err(format!(
            "status {}, expected {}",
            status(&report),
            case.status
        ));
    }
    let Some(want) = &case.denied else {
        return match report.calls.iter().position(|c| !c.decision.allowed()) {
            Some(i) => Err(format!(
                "call {i} denied: {}",
                report.calls[i].decision.headline
            )),
            None => match report.calls.iter().any(|c| !c.decision.fixes.is_empty()) {
                true => Err("an allowed call offers a fix".into()),
                false => Ok(()),
            },
        };
    };
    let (index, call) = report
        .calls
        .iter()
        .enumerate()
        .find(|(_, c)| !c.decision.allowed())
        .ok_or("no call is denied")?;
    let got = &call.decision;
    if call.action != want.action {
        return Err(format!("the first denied call is {}", call.action));
    }
    if got.headline != want.headline {
        return Err(format!(
            "headline\n  {}\nexpected\n  {}",
            got.headline, want.headline
        ));
    }
    if let Some(advice) = &want.advice {
        if got.advice.as_ref() != Some(advice) {
            return Err(format!("advice\n  {:?}\nexpected\n  {advice}", got.advice));
        }
    }
    let fixes: Vec<&sim::Fix> = want.fix.iter().collect();
    if got.fixes.iter().collect::<Vec<_>>() != fixes {
        return Err(format!(
            "fixes {}",
            serde_json::to_string_pretty(&got.fixes).unwrap_or_default()
        ));
    }
    let Some(fix) = &want.fix else {
        return Ok(());
    };
    if let Some(diff) = &want.diff {
        let got = diff_lines(&doc, fix)?;
        if &got != diff {
            return Err(format!("diff {got:#?}"));
        }
    }
    let mut fixed = doc.clone();
    sim::apply_fix(&mut fixed, fix).map_err(|e| format!("the fix does not apply: {e}"))?;
    let after = run(&fixed)?;
    words_only(&after)?;
    let now = after
        .calls
        .get(index)
        .ok_or("the fixed run makes fewer calls")?;
    if now.action != want.action || !now.decision.allowed() {
        return Err(format!(
            "with the fix, call {index}: {}",
            now.decision.headline
        ));
    }
    let expected = want
        .status_after_fix
        .as_deref()
        .ok_or("a fix needs `statusAfterFix`")?;
    match status(&after) == expected {
        true => Ok(()),
        false => Err(format!("with the fix the run is {}", status(&after))),
    }
}

#[test]
fn from_failure_to_fix() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fixes");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    let presets: Vec<&str> = cases
        .iter()
        .filter_map(|(_, c)| c.preset.as_deref().filter(|_| c.patch.is_empty()))
        .collect();
    for p in sim::presets() {
        assert!(
            presets.contains(&p.id),
            "no case runs preset {} as it is",
            p.id
        );
    }
    testkit::cases::check_all("fix cases", &cases, |c| &c.name, check);
}
