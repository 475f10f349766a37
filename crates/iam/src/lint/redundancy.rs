//! Redundancy checks: actions or resources covered by another entry of the same element,
//! and statements identical but for their `Sid`.
//!
//! Both take time proportional to the policy's size. Identical statements are found by a
//! canonical text of each (keys sorted, `Sid` left out). An entry of an element is compared
//! only with the entries whose text before their first wildcard it starts with (a trie of
//! those prefixes finds them), and with at most [`MAX_COMPARISONS`] of them: past that,
//! in elements of thousands of entries sharing a prefix, a redundant entry may go
//! unreported.

use super::{strings, Check, Findings};
use crate::wildcard::{glob, Case};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// How many other entries of its element one entry is compared with, at most.
pub(crate) const MAX_COMPARISONS: usize = 256;

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
    let mut seen = HashSet::new();
    for (pointer, statement) in statements {
        let mut text = String::new();
        canonical(statement, true, &mut text);
        if !seen.insert(text) {
            out.add(
                Check::RedundantStatement,
                pointer,
                "The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.",
            );
        }
    }
}

/// A text of `value` equal for two values exactly when they are equal as JSON (object
/// members in any order); `without_sid` leaves out the top-level `Sid`.
fn canonical(value: &Value, without_sid: bool, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map
                .iter()
                .filter(|(k, _)| !(without_sid && k.as_str() == "Sid"))
                .collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (key, v) in members {
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(v, false, out);
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for v in items {
                canonical(v, false, out);
                out.push(',');
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Reports each entry of the element that another entry covers: an identical earlier one,
/// or a different one that matches it as a pattern.
fn covered(
    element: Option<&Value>,
    pointer: &str,
    case: Case,
    out: &mut Findings,
    message: impl Fn(&str) -> String,
    check: Check,
) {
    let entries = strings(element);
    if entries.len() < 2 {
        return;
    }
    let fold = |s: &str| match case {
        Case::Sensitive => s.to_string(),
        Case::Insensitive => s.to_ascii_lowercase(),
    };
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut trie = Trie::default();
    for (i, (_, entry)) in entries.iter().enumerate() {
        if let std::collections::hash_map::Entry::Vacant(slot) = first.entry(entry) {
            slot.insert(i);
            let literal = entry.find(['*', '?']).map_or(*entry, |at| &entry[..at]);
            trie.insert(fold(literal).as_bytes(), i);
        }
    }
    for (i, (sub, entry)) in entries.iter().enumerate() {
        let duplicate = first.get(entry).is_some_and(|&j| j < i);
        let redundant = duplicate
            || trie
                .candidates(fold(entry).as_bytes())
                .take(MAX_COMPARISONS)
                .filter_map(|j| entries.get(j))
                .any(|(_, other)| other != entry && glob(other, entry, case));
        if redundant {
            out.add(check, &format!("{pointer}{sub}"), message(entry));
        }
    }
}

/// The literal prefixes of an element's entries, byte by byte; each node lists the entries
/// whose prefix ends there.
#[derive(Default)]
struct Trie {
    nodes: Vec<TrieNode>,
}

#[derive(Default)]
struct TrieNode {
    children: Vec<(u8, usize)>,
    entries: Vec<usize>,
}

impl Trie {
    fn insert(&mut self, prefix: &[u8], entry: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0;
        for &b in prefix {
            let next = self.child(node, b);
            node = match next {
                Some(n) => n,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(TrieNode::default());
                    if let Some(parent) = self.nodes.get_mut(node) {
                        parent.children.push((b, n));
                    }
                    n
                }
            };
        }
        if let Some(n) = self.nodes.get_mut(node) {
            n.entries.push(entry);
        }
    }

    fn child(&self, node: usize, b: u8) -> Option<usize> {
        self.nodes
            .get(node)?
            .children
            .iter()
            .find(|(c, _)| *c == b)
            .map(|(_, n)| *n)
    }

    /// The entries whose literal prefix `text` starts with, shortest prefixes first.
    fn candidates<'a>(&'a self, text: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
        let mut path = Vec::new();
        let mut node = self.nodes.first().map(|_| 0);
        let mut bytes = text.iter();
        while let Some(n) = node {
            path.push(n);
            node = bytes.next().and_then(|&b| self.child(n, b));
        }
        path.into_iter()
            .filter_map(|n| self.nodes.get(n))
            .flat_map(|n| n.entries.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::PolicyUse;

    fn findings(element: Value) -> Vec<String> {
        let mut out = Findings {
            findings: Vec::new(),
            use_: PolicyUse::Identity,
            own_account: None,
        };
        covered(
            Some(&element),
            "/A",
            Case::Insensitive,
            &mut out,
            |a| a.to_string(),
            Check::RedundantAction,
        );
        out.findings.into_iter().map(|f| f.pointer).collect()
    }

    #[test]
    fn covered_entries_are_found_by_their_prefix() {
        let element = serde_json::json!([
            "s3:Get*",
            "s3:GetObject",
            "S3:getobject",
            "sqs:*",
            "sqs:SendMessage",
            "s3:GetObject",
            "ec2:Run*"
        ]);
        assert_eq!(findings(element), ["/A/1", "/A/2", "/A/4", "/A/5"]);
        let twice = serde_json::json!(["ec2:RunInstances", "ec2:RunInstances"]);
        assert_eq!(findings(twice), ["/A/1"]);
        assert_eq!(findings(serde_json::json!(["*", "s3:GetObject"])), ["/A/1"]);
        assert!(findings(serde_json::json!(["s3:Get*", "s3:Put*"])).is_empty());
    }

    #[test]
    fn comparisons_per_entry_are_bounded() {
        let mut entries: Vec<String> = (0..MAX_COMPARISONS + 5)
            .map(|i| format!("a*x{i}"))
            .collect();
        entries.push("a*z".into());
        entries.push("abz".into());
        // "abz" is covered by "a*z", the last pattern of its prefix: past the bound.
        assert!(findings(serde_json::json!(entries)).is_empty());
        entries.truncate(3);
        entries.push("a*z".into());
        entries.push("abz".into());
        assert_eq!(findings(serde_json::json!(entries)), ["/A/4"]);
    }

    #[test]
    fn statements_compare_without_sid_and_member_order() {
        let (mut a, mut b, mut c) = (String::new(), String::new(), String::new());
        canonical(
            &serde_json::json!({"Sid": "1", "Effect": "Allow", "Action": ["x", 1]}),
            true,
            &mut a,
        );
        canonical(
            &serde_json::json!({"Action": ["x", 1], "Effect": "Allow", "Sid": "2"}),
            true,
            &mut b,
        );
        canonical(
            &serde_json::json!({"Action": ["x", 1.0], "Effect": "Allow"}),
            true,
            &mut c,
        );
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
