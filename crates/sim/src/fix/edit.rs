//! What a fix is: a title for people, the scenario item it edits, and its edits.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One change that makes a denied call allowed; in JSON `{"title", "item", "edits"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// What it does, in words: "Set the trust policy's sts:ExternalId to the calling
    /// state machine's ARN".
    pub title: String,
    /// The pointer of the editable scenario item it changes (a trust or permission policy,
    /// a resource): `/accounts/222222222222/roles/TrustingAccountRl/assumeRolePolicyDocument`.
    /// For a new inline policy, the pointer the policy will have.
    pub item: String,
    /// The edits, applied in order.
    pub edits: Vec<Edit>,
}

/// One edit of the scenario document; in JSON an RFC 6902 operation
/// `{"op": "replace" | "add" | "remove", "path", "value"?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "EditWire", try_from = "EditWire")]
pub struct Edit {
    /// Where, as an absolute JSON pointer into the scenario (`path` in JSON).
    pub pointer: String,
    /// What.
    pub op: EditOp,
}

/// What an edit does at its pointer.
#[derive(Debug, Clone, PartialEq)]
pub enum EditOp {
    /// Replaces the existing value.
    Replace(Value),
    /// Adds an object member (appended after the others) or an array element (at an
    /// index, or at the end for `-`).
    Add(Value),
    /// Removes the member or element.
    Remove,
}

/// An edit as JSON: RFC 6902's shape.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditWire {
    op: String,
    path: String,
    /// Present (`null` included) or absent.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    value: Option<Value>,
}

/// A member that is present, whatever its value (`null` too).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

impl From<Edit> for EditWire {
    fn from(edit: Edit) -> EditWire {
        let (op, value) = match edit.op {
            EditOp::Replace(v) => ("replace", Some(v)),
            EditOp::Add(v) => ("add", Some(v)),
            EditOp::Remove => ("remove", None),
        };
        EditWire {
            op: op.into(),
            path: edit.pointer,
            value,
        }
    }
}

impl TryFrom<EditWire> for Edit {
    type Error = String;

    fn try_from(wire: EditWire) -> Result<Edit, String> {
        let op = match (wire.op.as_str(), wire.value) {
            ("replace", Some(v)) => EditOp::Replace(v),
            ("add", Some(v)) => EditOp::Add(v),
            ("remove", None) => EditOp::Remove,
            ("replace" | "add", None) => return Err(format!("`{}` needs a value", wire.op)),
            ("remove", Some(_)) => return Err("`remove` takes no value".into()),
            (other, _) => return Err(format!("unknown edit `{other}`")),
        };
        Ok(Edit {
            pointer: wire.path,
            op,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edits_are_rfc_6902_operations() {
        let fix = Fix {
            title: "t".into(),
            item: "/a".into(),
            edits: vec![
                Edit {
                    pointer: "/a/b".into(),
                    op: EditOp::Replace(json!("x")),
                },
                Edit {
                    pointer: "/a/c/-".into(),
                    op: EditOp::Add(json!(null)),
                },
                Edit {
                    pointer: "/a/d".into(),
                    op: EditOp::Remove,
                },
            ],
        };
        let json = serde_json::to_value(&fix).unwrap();
        assert_eq!(
            json["edits"],
            json!([
                {"op": "replace", "path": "/a/b", "value": "x"},
                {"op": "add", "path": "/a/c/-", "value": null},
                {"op": "remove", "path": "/a/d"},
            ])
        );
        assert_eq!(serde_json::from_value::<Fix>(json).unwrap(), fix);
        for bad in [
            json!({"op": "move", "path": "/a"}),
            json!({"op": "add", "path": "/a"}),
            json!({"op": "remove", "path": "/a", "value": 1}),
        ] {
            assert!(serde_json::from_value::<Edit>(bad).is_err());
        }
    }
}
