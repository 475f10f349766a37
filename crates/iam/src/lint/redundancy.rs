//! Redundancy checks: actions or resources covered by another entry of the same element,
//! and statements identical but for their `Sid`.

use super::{strings, Check, Findings};
use crate::wildcard::{glob, Case};
use serde_json::Value;

pub(super) fn check(statements: &[(String, &Value)], out: &mut Findings) {
    for (pointer, st) in statements {
        let Some(st) = st.as_object() else { continue };
        for element in ["Action", "NotAction"] {
            covered(
                st.get(element),
                &format!("{pointer}/{element}"),
                Case::Insensitive,
                out,
                |a| {
                    format!("The action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {a}.")
                },
                Check::RedundantAction,
            );
        }
        for element in ["Resource", "NotResource"] {
            covered(
                st.get(element),
                &format!("{pointer}/{element}"),
                Case::Sensitive,
                out,
                |r| {
                    format!("The resource {r} is redundant because another resource ARN in this statement includes it. Update the policy to remove it.")
                },
                Check::RedundantResource,
            );
        }
    }
    for (i, (pointer, a)) in statements.iter().enumerate() {
        let earlier = statements[..i]
            .iter()
            .any(|(_, b)| without_sid(a) == without_sid(b));
        if earlier {
            out.add(
                Check::RedundantStatement,
                pointer,
                "The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.",
            );
        }
    }
}

fn without_sid(v: &Value) -> Value {
    let mut v = v.clone();
    if let Value::Object(m) = &mut v {
        m.remove("Sid");
    }
    v
}

fn covered(
    element: Option<&Value>,
    pointer: &str,
    case: Case,
    out: &mut Findings,
    message: impl Fn(&str) -> String,
    check: Check,
) {
    let entries = strings(element);
    for (i, (sub, entry)) in entries.iter().enumerate() {
        let redundant = entries.iter().enumerate().any(|(j, (_, other))| {
            i != j
                && (if other == entry {
                    j < i
                } else {
                    glob(other, entry, case)
                })
        });
        if redundant {
            out.add(check, &format!("{pointer}{sub}"), message(entry));
        }
    }
}
