//! The eighteen intrinsic functions: their names, how many arguments each takes, and which
//! kind of value each argument must be.

use std::fmt;

/// One of the intrinsic functions of the States Language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    Format,
    StringToJson,
    JsonToString,
    Array,
    ArrayPartition,
    ArrayContains,
    ArrayRange,
    ArrayGetItem,
    ArrayLength,
    ArrayUnique,
    Base64Encode,
    Base64Decode,
    Hash,
    JsonMerge,
    MathRandom,
    MathAdd,
    StringSplit,
    Uuid,
}

/// Every intrinsic function, in the order of the documentation.
const ALL: [Function; 18] = [
    Function::Format,
    Function::StringToJson,
    Function::JsonToString,
    Function::Array,
    Function::ArrayPartition,
    Function::ArrayContains,
    Function::ArrayRange,
    Function::ArrayGetItem,
    Function::ArrayLength,
    Function::ArrayUnique,
    Function::Base64Encode,
    Function::Base64Decode,
    Function::Hash,
    Function::JsonMerge,
    Function::MathRandom,
    Function::MathAdd,
    Function::StringSplit,
    Function::Uuid,
];

impl Function {
    /// The name as written in a definition, e.g. `States.Format`.
    pub fn name(self) -> &'static str {
        match self {
            Function::Format => "States.Format",
            Function::StringToJson => "States.StringToJson",
            Function::JsonToString => "States.JsonToString",
            Function::Array => "States.Array",
            Function::ArrayPartition => "States.ArrayPartition",
            Function::ArrayContains => "States.ArrayContains",
            Function::ArrayRange => "States.ArrayRange",
            Function::ArrayGetItem => "States.ArrayGetItem",
            Function::ArrayLength => "States.ArrayLength",
            Function::ArrayUnique => "States.ArrayUnique",
            Function::Base64Encode => "States.Base64Encode",
            Function::Base64Decode => "States.Base64Decode",
            Function::Hash => "States.Hash",
            Function::JsonMerge => "States.JsonMerge",
            Function::MathRandom => "States.MathRandom",
            Function::MathAdd => "States.MathAdd",
            Function::StringSplit => "States.StringSplit",
            Function::Uuid => "States.UUID",
        }
    }

    /// The function with this exact (case-sensitive) name, e.g. `States.ArrayLength`.
    pub fn from_name(name: &str) -> Option<Function> {
        ALL.into_iter().find(|f| f.name() == name)
    }

    /// How many arguments the function accepts.
    pub fn arity(self) -> Arity {
        let (min, max) = match self {
            Function::Format => (1, None),
            Function::Array => (0, None),
            Function::Uuid => (0, Some(0)),
            Function::StringToJson
            | Function::JsonToString
            | Function::ArrayLength
            | Function::ArrayUnique
            | Function::Base64Encode
            | Function::Base64Decode => (1, Some(1)),
            Function::ArrayPartition
            | Function::ArrayContains
            | Function::ArrayGetItem
            | Function::Hash
            | Function::MathAdd
            | Function::StringSplit => (2, Some(2)),
            Function::MathRandom => (2, Some(3)),
            Function::ArrayRange | Function::JsonMerge => (3, Some(3)),
        };
        Arity { min, max }
    }

    /// The kind of value the argument at `index` (from 0) must have.
    pub fn parameter(self, index: usize) -> ArgKind {
        use ArgKind::*;
        match (self, index) {
            (Function::Format, 0) => String,
            (Function::StringToJson, _) => String,
            (Function::ArrayPartition, 0)
            | (Function::ArrayContains, 0)
            | (Function::ArrayGetItem, 0)
            | (Function::ArrayLength, _)
            | (Function::ArrayUnique, _) => Array,
            (Function::ArrayPartition, 1) | (Function::ArrayGetItem, 1) => Number,
            (Function::ArrayRange, _) | (Function::MathRandom, _) | (Function::MathAdd, _) => {
                Number
            }
            (Function::Base64Encode, _)
            | (Function::Base64Decode, _)
            | (Function::Hash, _)
            | (Function::StringSplit, _) => String,
            (Function::JsonMerge, 2) => False,
            (Function::JsonMerge, _) => Object,
            _ => Any,
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The number of arguments a function accepts: at least `min`, at most `max` (no limit if `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arity {
    pub min: usize,
    pub max: Option<usize>,
}

impl Arity {
    /// Whether `count` arguments are accepted.
    pub fn accepts(self, count: usize) -> bool {
        count >= self.min && self.max.is_none_or(|max| count <= max)
    }
}

impl fmt::Display for Arity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            None => write!(f, "at least {}", self.min),
            Some(max) if max == self.min => write!(f, "{max}"),
            Some(max) => write!(f, "{} to {}", self.min, max),
        }
    }
}

/// The kind of JSON value an argument must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    Any,
    String,
    Number,
    Array,
    Object,
    /// The boolean `false` (the third argument of `States.JsonMerge`).
    False,
}

impl ArgKind {
    /// Whether `value` is of this kind.
    pub fn accepts(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match self {
            ArgKind::Any => true,
            ArgKind::String => value.is_string(),
            ArgKind::Number => value.is_number(),
            ArgKind::Array => value.is_array(),
            ArgKind::Object => value.is_object(),
            ArgKind::False => *value == Value::Bool(false),
        }
    }
}

impl fmt::Display for ArgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArgKind::Any => "any value",
            ArgKind::String => "a string",
            ArgKind::Number => "a number",
            ArgKind::Array => "an array",
            ArgKind::Object => "a JSON object",
            ArgKind::False => "the boolean false",
        })
    }
}
