//! Which fields each state type allows in each query language, as the States Language
//! specification and the Step Functions Developer Guide list them.

const PASS: &[&str] = &[
    "Next",
    "End",
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultPath",
    "Result",
    "Assign",
];
const TASK: &[&str] = &[
    "Next",
    "End",
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultPath",
    "ResultSelector",
    "Resource",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "Retry",
    "Catch",
    "Credentials",
    "Assign",
];
const CHOICE: &[&str] = &["InputPath", "OutputPath", "Choices", "Default", "Assign"];
const WAIT: &[&str] = &[
    "Next",
    "End",
    "InputPath",
    "OutputPath",
    "Seconds",
    "SecondsPath",
    "Timestamp",
    "TimestampPath",
    "Assign",
];
const SUCCEED: &[&str] = &["InputPath", "OutputPath"];
const FAIL: &[&str] = &["Error", "ErrorPath", "Cause", "CausePath"];
const PARALLEL: &[&str] = &[
    "Next",
    "End",
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultPath",
    "ResultSelector",
    "Branches",
    "Retry",
    "Catch",
    "Assign",
];
const MAP: &[&str] = &[
    "Next",
    "End",
    "InputPath",
    "OutputPath",
    "ItemsPath",
    "ItemSelector",
    "Parameters",
    "ItemProcessor",
    "Iterator",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ResultPath",
    "ResultSelector",
    "Retry",
    "Catch",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "Label",
    "Assign",
];

/// Fields that belong to the JSONata query language only.
pub const JSONATA_ONLY: &[&str] = &["Arguments", "Output", "Items", "Condition"];

/// Fields that belong to the JSONPath query language only.
pub const JSONPATH_ONLY: &[&str] = &[
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultPath",
    "ResultSelector",
    "Result",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
    "ErrorPath",
    "CausePath",
    "Iterator",
];

const JSONATA_PASS: &[&str] = &["Next", "End", "Output", "Assign"];
const JSONATA_TASK: &[&str] = &[
    "Next",
    "End",
    "Resource",
    "Arguments",
    "Output",
    "Assign",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Retry",
    "Catch",
    "Credentials",
];
const JSONATA_CHOICE: &[&str] = &["Choices", "Default", "Output", "Assign"];
const JSONATA_WAIT: &[&str] = &["Next", "End", "Seconds", "Timestamp", "Output", "Assign"];
const JSONATA_SUCCEED: &[&str] = &["Output"];
const JSONATA_FAIL: &[&str] = &["Error", "Cause"];
const JSONATA_PARALLEL: &[&str] = &[
    "Next",
    "End",
    "Branches",
    "Arguments",
    "Output",
    "Assign",
    "Retry",
    "Catch",
];
const JSONATA_MAP: &[&str] = &[
    "Next",
    "End",
    "Items",
    "ItemSelector",
    "ItemProcessor",
    "MaxConcurrency",
    "ToleratedFailureCount",
    "ToleratedFailurePercentage",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "Label",
    "Output",
    "Assign",
    "Retry",
    "Catch",
];

/// The fields a state of `type_name` may have in the JSONata query language besides
/// `Type`, `Comment` and `QueryLanguage`; `None` for an unknown type.
pub fn allowed_jsonata(type_name: &str) -> Option<&'static [&'static str]> {
    Some(match type_name {
        "Pass" => JSONATA_PASS,
        "Task" => JSONATA_TASK,
        "Choice" => JSONATA_CHOICE,
        "Wait" => JSONATA_WAIT,
        "Succeed" => JSONATA_SUCCEED,
        "Fail" => JSONATA_FAIL,
        "Parallel" => JSONATA_PARALLEL,
        "Map" => JSONATA_MAP,
        _ => return None,
    })
}

/// The fields a state of `type_name` may have besides `Type`, `Comment` and
/// `QueryLanguage`; `None` for an unknown type.
pub fn allowed(type_name: &str) -> Option<&'static [&'static str]> {
    Some(match type_name {
        "Pass" => PASS,
        "Task" => TASK,
        "Choice" => CHOICE,
        "Wait" => WAIT,
        "Succeed" => SUCCEED,
        "Fail" => FAIL,
        "Parallel" => PARALLEL,
        "Map" => MAP,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonloc::closest;

    #[test]
    fn hints_name_only_fields_the_state_type_allows() {
        assert_eq!(closest("ResultSelecter", PASS.iter().copied()), None);
        assert_eq!(
            closest("ResultSelecter", TASK.iter().copied()),
            Some("ResultSelector")
        );
        assert_eq!(closest("Nxt", TASK.iter().copied()), Some("Next"));
        assert_eq!(closest("Banana", TASK.iter().copied()), None);
    }
}
