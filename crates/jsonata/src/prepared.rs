//! Variables bound once for several evaluations, with the functions of a [`Mode`]: their
//! values are borrowed, read where they lie by the expressions simple enough to need no
//! engine, and each converted into the engine's representation once, on the first
//! evaluation that names it.

use crate::{stepfunctions, Mode};
use jlens_core::Document;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::cell::OnceCell;

/// Variables ready for the evaluations of one [`Mode`], borrowed, not copied:
/// [`Expression::evaluate_prepared`](crate::Expression::evaluate_prepared) reads a plain path
/// or comparison from them directly, and converts a variable for the engine at most once,
/// however many expressions it evaluates with it. The Step Functions functions are shared by
/// all the bindings of a thread, not built for each.
#[derive(Debug)]
pub struct PreparedBindings<'a> {
    /// The variables.
    variables: Vec<Variable<'a>>,
    /// The mode, whose functions the evaluations have.
    pub(crate) mode: Mode,
}

/// A variable: its name without the `$`, its value, and the value converted for the engine
/// once an evaluation has needed it.
#[derive(Debug)]
struct Variable<'a> {
    name: &'a str,
    bound: Bound<'a>,
    document: OnceCell<Document>,
}

/// The value of a variable.
#[derive(Debug, Clone)]
pub(crate) enum Bound<'a> {
    /// A value.
    Value(&'a Value),
    /// An object of these members, in this order.
    Object(Vec<(&'a str, &'a Value)>),
}

impl<'a> PreparedBindings<'a> {
    /// No variables, with the functions of `mode`.
    pub fn new(mode: Mode) -> Self {
        PreparedBindings {
            variables: Vec::new(),
            mode,
        }
    }

    /// Binds `$name` (`name` without the `$`) to `value`; a later binding of the same name
    /// replaces it. A function of the mode keeps its name: as with
    /// [`Bindings`](crate::Bindings), a variable named like one (`hash` in Step Functions
    /// mode) is not bound.
    pub fn bind(&mut self, name: &'a str, value: &'a Value) {
        self.insert(name, Bound::Value(value));
    }

    /// Binds `$name` to the object of `members` (in their order), as
    /// [`bind`](PreparedBindings::bind) binds a value.
    pub fn bind_object(&mut self, name: &'a str, members: Vec<(&'a str, &'a Value)>) {
        self.insert(name, Bound::Object(members));
    }

    fn insert(&mut self, name: &'a str, bound: Bound<'a>) {
        if self.mode == Mode::StepFunctions && stepfunctions::is_function(name) {
            return;
        }
        let variable = Variable {
            name,
            bound,
            document: OnceCell::new(),
        };
        match self.variables.iter_mut().find(|v| v.name == name) {
            Some(slot) => *slot = variable,
            None => self.variables.push(variable),
        }
    }

    /// The value of `$name`, when bound.
    pub(crate) fn get(&self, name: &str) -> Option<&Bound<'a>> {
        self.variables
            .iter()
            .find(|v| v.name == name)
            .map(|v| &v.bound)
    }

    /// The variables an expression whose text is `source` may read, as the engine reads
    /// them: those it names (`$name`), or all when it calls `$eval`, which evaluates a text
    /// that may name any. Each is converted on the first call that needs it; `fresh`
    /// converts them anew instead, for an evaluation that may change them.
    pub(crate) fn documents(&self, source: &str, fresh: bool) -> Vec<(&'a str, Document)> {
        let every = source.contains("$eval");
        self.variables
            .iter()
            .filter(|v| every || names(source, v.name))
            .map(|v| {
                let document = if fresh {
                    v.bound.document()
                } else {
                    share(v.document.get_or_init(|| v.bound.document()))
                };
                (v.name, document)
            })
            .collect()
    }

    /// `value` as the engine reads it, sharing the conversion of a variable (or member of
    /// one) that is that very value, if there is one and it is converted already.
    pub(crate) fn document_of(&self, value: &Value) -> Document {
        self.variables
            .iter()
            .find_map(|v| {
                let converted = v.document.get()?;
                match &v.bound {
                    Bound::Value(bound) => std::ptr::eq(*bound, value).then(|| share(converted)),
                    Bound::Object(members) => members
                        .iter()
                        .find(|(_, member)| std::ptr::eq(*member, value))
                        .and_then(|(key, _)| converted.pointer(&pointer_to(key))),
                }
            })
            .unwrap_or_else(|| Document::new(value))
    }
}

/// Whether `source` holds `$name`.
fn names(source: &str, name: &str) -> bool {
    source
        .match_indices(name)
        .any(|(at, _)| source[..at].ends_with('$'))
}

/// Another handle on a converted value, sharing it.
fn share(document: &Document) -> Document {
    document
        .pointer("")
        .unwrap_or_else(|| Document::new(&Value::Null))
}

/// The JSON Pointer to the member `key`.
fn pointer_to(key: &str) -> String {
    let mut pointer = String::with_capacity(key.len() + 1);
    pointer.push('/');
    if key.contains(['~', '/']) {
        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(key);
    }
    pointer
}

impl Bound<'_> {
    /// The value as the engine reads it.
    fn document(&self) -> Document {
        match self {
            Bound::Value(value) => Document::new(value),
            // Only a value nested over a thousand levels deep fails to serialize straight;
            // it is then copied into an object first.
            Bound::Object(members) => {
                Document::from_serialize(&Members(members)).unwrap_or_else(|_| {
                    let object = members
                        .iter()
                        .map(|&(key, value)| (key.to_string(), value.clone()))
                        .collect();
                    Document::new(&Value::Object(object))
                })
            }
        }
    }
}

/// An object of borrowed members, serialized without copying them.
struct Members<'m>(&'m [(&'m str, &'m Value)]);

impl Serialize for Members<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
