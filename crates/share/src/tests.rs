//! Share links: patches from the cases in `patch_cases.json`, round trips of every format,
//! damaged links, and the length of the links the page writes.

use super::codec;
use super::patch::{self, Op, PatchError};
use super::*;
use serde_json::json;

const SEED: &str = "cross-account-secret-cache";
const TRUST: &str = "/accounts/222222222222/roles/TrustingAccountRl/assumeRolePolicyDocument";

fn cases() -> Value {
    serde_json::from_str(include_str!("patch_cases.json")).expect("patch_cases.json is JSON")
}

fn list<'a>(cases: &'a Value, key: &str) -> &'a Vec<Value> {
    cases[key].as_array().expect("a list of cases")
}

#[test]
fn patches_rebuild_the_target_with_its_member_order() {
    let cases = cases();
    for case in list(&cases, "roundTrips") {
        let name = &case["name"];
        let ops = patch::diff(&case["base"], &case["target"]);
        assert_eq!(
            ops.len() as u64,
            case["ops"].as_u64().expect("ops"),
            "{name}: {ops:?}"
        );
        let json = patch::to_json(&ops);
        let read = patch::from_json(&json).expect("the patch reads back");
        assert_eq!(read, ops, "{name}");
        let rebuilt = patch::apply(case["base"].clone(), &read).expect("the patch applies");
        assert_eq!(
            rebuilt.to_string(),
            case["target"].to_string(),
            "{name}: same text, member order included"
        );
        assert!(patch::same(&rebuilt, &case["target"]), "{name}");
    }
}

#[test]
fn patches_that_do_not_fit_their_base_are_refused() {
    let cases = cases();
    for case in list(&cases, "refused") {
        let name = &case["name"];
        let ops = patch::from_json(&case["ops"]).expect("well-formed");
        let want = match (case.get("noTarget"), case.get("wrongMembers")) {
            (Some(p), None) => PatchError::NoTarget(p.as_str().unwrap_or_default().into()),
            (None, Some(p)) => PatchError::WrongMembers(p.as_str().unwrap_or_default().into()),
            _ => panic!("{name}: say noTarget or wrongMembers"),
        };
        assert_eq!(
            patch::apply(case["base"].clone(), &ops),
            Err(want),
            "{name}"
        );
    }
    for case in list(&cases, "malformed") {
        assert_eq!(
            patch::from_json(&case["ops"]),
            Err(PatchError::Malformed),
            "{}",
            case["name"]
        );
    }
}

#[test]
fn member_order_decides_sameness() {
    assert!(!patch::same(
        &json!({"a": 1, "b": 2}),
        &json!({"b": 2, "a": 1})
    ));
    assert!(!patch::same(
        &json!([{"a": 1, "b": 2}]),
        &json!([{"b": 2, "a": 1}])
    ));
    assert!(patch::same(
        &json!({"a": [1, {"c": null}]}),
        &json!({"a": [1, {"c": null}]})
    ));
    assert_eq!(
        json!({"a": 1, "b": 2}),
        json!({"b": 2, "a": 1}),
        "serde_json's own == does not"
    );
}

fn seed() -> Value {
    preset_doc(SEED).expect("the seed preset")
}

fn shared(preset: Option<&str>, doc: Value) -> Shared {
    Shared {
        preset: preset.map(str::to_string),
        doc,
        context: Context::default(),
    }
}

fn read(fragment: &str) -> Shared {
    match parse_fragment(fragment) {
        Ok(Fragment::Shared(s)) => s,
        other => panic!("{fragment}: {other:?}"),
    }
}

fn text(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).expect("serializes")
}

#[test]
fn a_link_restores_preset_scenario_and_view() {
    let mut doc = seed();
    *doc.pointer_mut(&format!(
        "{TRUST}/Statement/0/Condition/StringEquals/sts:ExternalId"
    ))
    .expect("the seed has an ExternalId") =
        json!("arn:aws:states:us-east-1:111111111111:stateMachine:Other");
    let sent = Shared {
        preset: Some(SEED.into()),
        doc,
        context: Context {
            drafts: BTreeMap::from([(TRUST.to_string(), "{ \"Version\": ".to_string())]),
            open: Some(TRUST.into()),
            execution: 1,
            step: Some(7),
        },
    };
    let back = read(&fragment(&sent));
    assert_eq!(text(&back.doc), text(&sent.doc));
    assert_eq!(back, sent);
}

#[test]
fn a_definition_with_type_first_comes_back_as_written() {
    let mut doc = seed();
    let machine = "/accounts/111111111111/stateMachines/SecretCacheConsumerWfw/definition";
    let written = r#"{
  "Comment": "Type first, then the rest",
  "StartAt": "Hello",
  "States": {
    "Hello": {
      "Type": "Pass",
      "Result": {"z": 1, "a": 2},
      "End": true
    }
  }
}"#;
    let value: Value = serde_json::from_str(written).expect("JSON");
    *doc.pointer_mut(machine).expect("a definition") = value;
    for preset in [Some(SEED), None] {
        let back = read(&fragment(&shared(preset, doc.clone())));
        assert_eq!(
            text(back.doc.pointer(machine).expect("the definition")),
            text(doc.pointer(machine).expect("the definition"))
        );
        assert_eq!(text(&back.doc), text(&doc), "{preset:?}");
    }
}

#[test]
fn reordered_members_of_a_preset_come_back_in_their_new_order() {
    let mut doc = seed();
    let accounts = doc["accounts"].as_object_mut().expect("accounts");
    let first = accounts.shift_remove("111111111111").expect("an account");
    accounts.insert("111111111111".into(), first);
    let sent = shared(Some(SEED), doc);
    let link = fragment(&sent);
    assert_eq!(text(&read(&link).doc), text(&sent.doc));
    assert!(link.len() < 200, "a reorder is a short patch: {link}");
}

#[test]
fn every_preset_round_trips_unchanged_and_as_a_whole() {
    for p in sim::presets() {
        let doc = preset_doc(p.id).expect("a preset parses");
        for preset in [Some(p.id), None] {
            let back = read(&fragment(&shared(preset, doc.clone())));
            assert_eq!(text(&back.doc), text(&doc), "{} {preset:?}", p.id);
            assert_eq!(back.preset.as_deref(), preset);
        }
    }
}

#[test]
fn first_format_links_still_open() {
    let original = "{\n  \"scenarioVersion\": 1, \"title\": \"é ✓\", \"b\": 1, \"a\": 2\n}";
    let back = read(&format!("#s=1.{}", codec::pack(original)));
    assert_eq!(back.preset, None);
    assert_eq!(back.context, Context::default());
    assert_eq!(
        back.doc.to_string(),
        r#"{"scenarioVersion":1,"title":"é ✓","b":1,"a":2}"#
    );
    assert_eq!(
        parse_fragment(&format!("s=1.{}", codec::pack("{\n  \"a\": ]"))),
        Err(ShareError::NotJson(2, 8))
    );
}

#[test]
fn presets_and_other_fragments() {
    assert_eq!(
        parse_fragment("#p=seed"),
        Ok(Fragment::Preset("seed".into()))
    );
    assert_eq!(preset_fragment("seed"), "#p=seed");
    assert_eq!(parse_fragment(""), Ok(Fragment::None));
    assert_eq!(parse_fragment("#top"), Ok(Fragment::None));
}

fn envelope_link(envelope: &Value) -> String {
    format!("#s=2.{}", codec::pack(&envelope.to_string()))
}

#[test]
fn damaged_links_say_why() {
    assert_eq!(
        parse_fragment("#s=2.!!!garbage"),
        Err(ShareError::NotBase64)
    );
    assert_eq!(
        parse_fragment("#s=1.!!!garbage"),
        Err(ShareError::NotBase64)
    );
    assert_eq!(parse_fragment("#s=2.aGVsbG8"), Err(ShareError::NotDeflate));
    let cut = fragment(&shared(Some(SEED), seed()));
    assert!(
        parse_fragment(&cut[..cut.len() - 6]).is_err(),
        "a link cut short"
    );
    let invalid_utf8 = format!(
        "#s=2.{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9)
        )
    );
    assert_eq!(parse_fragment(&invalid_utf8), Err(ShareError::NotText));
    let huge = format!(
        "#s=1.{}",
        codec::pack(&" ".repeat(codec::MAX_TEXT_BYTES + 10))
    );
    assert_eq!(parse_fragment(&huge), Err(ShareError::TooLarge));
    let long = format!("#s=2.{}", "A".repeat(MAX_FRAGMENT_BYTES + 1));
    assert_eq!(parse_fragment(&long), Err(ShareError::TooLarge));
    for (envelope, error) in [
        (json!([1]), ShareError::Damaged),
        (json!({"p": SEED}), ShareError::Damaged),
        (json!({"p": SEED, "s": {}, "d": []}), ShareError::Damaged),
        (json!({"d": []}), ShareError::Damaged),
        (
            json!({"p": SEED, "d": [["r", "/nope"]]}),
            ShareError::Damaged,
        ),
        (json!({"p": SEED, "d": [["?"]]}), ShareError::Damaged),
        (
            json!({"p": "gone", "d": []}),
            ShareError::UnknownPreset("gone".into()),
        ),
    ] {
        assert_eq!(
            parse_fragment(&envelope_link(&envelope)),
            Err(error),
            "{envelope}"
        );
    }
    let not_json = format!("#s=2.{}", codec::pack("{\"p\":"));
    assert_eq!(parse_fragment(&not_json), Err(ShareError::NotJson(1, 5)));
}

#[test]
fn unknown_versions_are_named() {
    assert_eq!(
        parse_fragment("#s=9.abc"),
        Err(ShareError::UnknownVersion("9".into()))
    );
    assert_eq!(
        parse_fragment("#s=abc"),
        Err(ShareError::UnknownVersion(String::new()))
    );
    let long = format!("#s={}.abc", "7".repeat(40));
    assert_eq!(
        parse_fragment(&long),
        Err(ShareError::UnknownVersion("7".repeat(16)))
    );
    assert!(ShareError::UnknownVersion("9".into())
        .to_string()
        .contains("\"9\""));
}

#[test]
fn the_view_is_best_effort() {
    let envelope =
        json!({"p": SEED, "d": [], "o": 3, "x": -1, "c": "last", "t": {"/a": 1, "/b": "text"}});
    let back = read(&envelope_link(&envelope));
    assert_eq!(text(&back.doc), text(&seed()));
    assert_eq!(
        back.context,
        Context {
            drafts: BTreeMap::from([("/b".to_string(), "text".to_string())]),
            open: None,
            execution: 0,
            step: None,
        }
    );
}

/// The lengths of the links the page writes, against the first format (the whole pretty
/// text deflated): printed for the record, bounded so a regression shows.
#[test]
fn link_lengths() {
    let seed_doc = seed();
    let v1 = |doc: &Value| format!("#s=1.{}", codec::pack(&text(doc))).len();
    let unchanged = fragment(&shared(Some(SEED), seed_doc.clone())).len();
    let mut edited = seed_doc.clone();
    *edited
        .pointer_mut(&format!(
            "{TRUST}/Statement/0/Condition/StringEquals/sts:ExternalId"
        ))
        .expect("an ExternalId") =
        json!("arn:aws:states:us-east-1:111111111111:stateMachine:Another");
    let one_edit = fragment(&shared(Some(SEED), edited.clone())).len();
    let retry = preset_doc("retry-catch-recovery").expect("a preset");
    let whole = fragment(&shared(None, seed_doc.clone())).len();
    let whole_small = fragment(&shared(None, retry.clone())).len();
    println!(
        "link lengths: seed unchanged {unchanged} (format 1: {}), seed with one ExternalId edited {one_edit} (format 1: {}), \
         the seed as a non-preset scenario {whole} (format 1: {}), retry-catch as a non-preset scenario {whole_small} (format 1: {})",
        v1(&seed_doc),
        v1(&edited),
        v1(&seed_doc),
        v1(&retry)
    );
    assert!(unchanged <= 80, "{unchanged}");
    assert!(one_edit <= 300, "{one_edit}");
    assert!(whole <= v1(&seed_doc), "{whole}");
    assert!(whole_small <= v1(&retry), "{whole_small}");
    assert!(matches!(
        patch::diff(&seed_doc, &edited).as_slice(),
        [Op::Set(p, _)] if p.ends_with("/sts:ExternalId")
    ));
}
