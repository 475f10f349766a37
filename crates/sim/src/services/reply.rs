//! What a call gives the Task: the value, the time it took, and a failure although the call
//! succeeded; and the response metadata optimized integrations add.

use asl::Failure;
use serde_json::{json, Map, Value};

/// What a call gave the Task.
pub(crate) struct Reply {
    pub(crate) value: Value,
    /// Time on the virtual clock (ms).
    pub(crate) duration: u64,
    /// A Task failure although the API call itself succeeded (a Lambda function error, a
    /// failed child execution under `.sync`).
    pub(crate) failure: Option<Failure>,
    /// The Task waits: a `.sync` child execution still RUNNING (it waits for a token).
    pub(crate) waiting: bool,
}

impl Reply {
    /// An instant success.
    pub(crate) fn ok(value: Value) -> Reply {
        Reply {
            value,
            duration: 0,
            failure: None,
            waiting: false,
        }
    }
}

/// Adds the `SdkHttpMetadata` and `SdkResponseMetadata` optimized integrations return.
pub(crate) fn with_metadata(value: Value, request_id: &str) -> Value {
    let mut map = match value {
        Value::Object(m) => m,
        other => {
            let mut m = Map::new();
            m.insert("Result".into(), other);
            m
        }
    };
    map.insert(
        "SdkHttpMetadata".into(),
        json!({"HttpHeaders": {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": request_id}, "HttpStatusCode": 200}),
    );
    map.insert(
        "SdkResponseMetadata".into(),
        json!({ "RequestId": request_id }),
    );
    Value::Object(map)
}
