//! SAM's `Globals`: properties declared once for every resource of a serverless type, which
//! each resource inherits as SAM merges them: a value of the resource's own replaces a
//! global one, maps merge key by key (deeply), and lists are added to (the global entries
//! first).

use serde_json::{Map, Value};

/// The `Globals` section for each SAM resource type that has one.
const SECTIONS: [(&str, &str); 5] = [
    ("Function", "AWS::Serverless::Function"),
    ("Api", "AWS::Serverless::Api"),
    ("HttpApi", "AWS::Serverless::HttpApi"),
    ("SimpleTable", "AWS::Serverless::SimpleTable"),
    ("StateMachine", "AWS::Serverless::StateMachine"),
];

/// The `Globals` section resources of `type_` inherit from, if the type has one.
pub(crate) fn section_of(type_: &str) -> Option<&'static str> {
    SECTIONS
        .iter()
        .find(|(_, t)| *t == type_)
        .map(|(section, _)| *section)
}

/// Whether `section` is a `Globals` section SAM knows.
pub(crate) fn is_section(section: &str) -> bool {
    SECTIONS.iter().any(|(s, _)| *s == section)
}

/// A resource's `properties` with `globals` inherited.
pub(crate) fn inherit(
    globals: &Map<String, Value>,
    properties: Map<String, Value>,
) -> Map<String, Value> {
    let mut out = globals.clone();
    for (key, own) in properties {
        let merged = match out.remove(&key) {
            Some(global) => merge(global, own),
            None => own,
        };
        out.insert(key, merged);
    }
    out
}

fn merge(global: Value, own: Value) -> Value {
    match (global, own) {
        (Value::Object(global), Value::Object(own)) => Value::Object(inherit(&global, own)),
        (Value::Array(mut global), Value::Array(own)) => {
            global.extend(own);
            Value::Array(global)
        }
        (_, own) => own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_as_sam_documents() {
        let globals = json!({"Runtime": "nodejs20.x", "Timeout": 180,
            "Environment": {"Variables": {"TABLE_NAME": "data-table"}}, "Layers": ["a"]});
        let own = json!({"Timeout": 30, "Environment": {"Variables": {"MESSAGE": "Hello"}}, "Layers": ["b"]});
        let (Value::Object(globals), Value::Object(own)) = (globals, own) else {
            unreachable!("objects")
        };
        assert_eq!(
            Value::Object(inherit(&globals, own)),
            json!({"Runtime": "nodejs20.x", "Timeout": 30,
                "Environment": {"Variables": {"TABLE_NAME": "data-table", "MESSAGE": "Hello"}},
                "Layers": ["a", "b"]})
        );
        assert_eq!(
            section_of("AWS::Serverless::StateMachine"),
            Some("StateMachine")
        );
        assert_eq!(section_of("AWS::IAM::Role"), None);
    }
}
