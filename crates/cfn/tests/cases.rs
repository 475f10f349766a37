//! Data-driven import cases, `tests/cases/*.json`: `{"name", "doc", "template", "account"?,
//! "region"?, "parameters"?, "expect"?, "outputs"?, "unmapped"?, "error"?}`. `template` is
//! the template's text (YAML or JSON), or a JSON object written out as JSON text. `expect`
//! maps JSON pointers into the imported scenario to the value found there (`null` for a
//! pointer that must lead nowhere); `outputs` is the resolved `Outputs` object, exactly;
//! `unmapped` lists every unmapped entry in order as `"LINE:COLUMN KIND: text the reason
//! contains"`; `error` is text the import error's message contains. `doc` cites the
//! CloudFormation or SAM reference page the expectation follows.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The CloudFormation or SAM page the expectation follows.
    doc: String,
    template: Value,
    #[serde(default = "account")]
    account: String,
    region: Option<String>,
    #[serde(default)]
    parameters: Map<String, Value>,
    #[serde(default)]
    expect: Map<String, Value>,
    outputs: Option<Value>,
    #[serde(default)]
    unmapped: Vec<String>,
    error: Option<String>,
}

fn account() -> String {
    "111111111111".into()
}

fn check(case: &Case) -> Result<(), String> {
    if !case.doc.starts_with("https://docs.aws.amazon.com/") {
        return Err("doc must cite an AWS documentation page".into());
    }
    let text = match &case.template {
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).map_err(|e| e.to_string())?,
    };
    let mut options = cfn::ImportOptions::new(case.account.clone());
    options.region = case.region.clone();
    options.parameters = case.parameters.clone();
    let imported = match (cfn::import(&text, &options), &case.error) {
        (Err(e), Some(expected)) if e.to_string().contains(expected.as_str()) => return Ok(()),
        (Err(e), _) => return Err(format!("import failed: {e}")),
        (Ok(_), Some(expected)) => {
            return Err(format!("imported, expected the error {expected:?}"))
        }
        (Ok(i), None) => i,
    };
    for (pointer, want) in &case.expect {
        let got = imported
            .scenario
            .pointer(pointer)
            .cloned()
            .unwrap_or(Value::Null);
        if &got != want {
            return Err(format!("{pointer}: expected {want}, got {got}"));
        }
    }
    if let Some(outputs) = &case.outputs {
        if &Value::Object(imported.outputs.clone()) != outputs {
            return Err(format!(
                "outputs: expected {outputs}, got {:?}",
                imported.outputs
            ));
        }
    }
    let got: Vec<String> = imported
        .unmapped
        .iter()
        .map(|u| format!("{}:{} {:?}: {}", u.line, u.column, u.kind, u.reason))
        .collect();
    let matches = got.len() == case.unmapped.len()
        && got.iter().zip(&case.unmapped).all(|(g, want)| {
            let (at, text) = want.split_once(": ").unwrap_or((want, ""));
            g.starts_with(&format!("{at}: ")) && g.contains(text)
        });
    if !matches {
        return Err(format!(
            "unmapped: expected {:#?}\ngot {got:#?}",
            case.unmapped
        ));
    }
    let scenario = sim::Scenario::from_value(&imported.scenario);
    if imported
        .scenario
        .pointer("/execution/stateMachineArn")
        .and_then(Value::as_str)
        .is_some_and(|a| !a.is_empty())
    {
        scenario.map_err(|e| format!("the scenario does not load: {e:?}"))?;
    }
    Ok(())
}

#[test]
fn import_cases() {
    let cases: Vec<(String, Case)> =
        testkit::cases::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"));
    testkit::cases::check_all("cfn import cases", &cases, |c| &c.name, check);
}
