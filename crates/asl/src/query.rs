//! JSONata values of a state's fields (`Arguments`, `Output`, `Assign`, `Condition`,
//! `Items` …), compiled once: a string that is exactly `{% expression %}` is an
//! expression, at any depth of objects and arrays; everything else is copied as is.
//! Evaluation binds `$states` (`input`, `context`, `result`, `errorOutput`) and the workflow
//! variables, only what the field's expressions may read ([`Reads`]), and raises
//! `States.QueryEvaluationError` with AWS's cause texts. A field of many expressions is
//! measured as it is built: past the payload limit it fails with States.DataLimitExceeded.

mod reads;

use crate::diagnostic::{Code, Diagnostic};
use crate::failure::{names, Failure};
use crate::scope::Scope;
use crate::size::{data_limit_exceeded, Room};
use crate::template::compact;
use jsonloc::pointer_push;
use reads::{ContextReads, Reads};
use seeded::Rng;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::rc::Rc;

/// A compiled JSONata field value.
#[derive(Debug, Clone)]
pub struct Query {
    root: Node,
    /// What the expressions of the field may read.
    reads: Reads,
}

#[derive(Debug, Clone)]
enum Node {
    /// Copied as is: no expression anywhere inside.
    Literal(Value),
    /// `{% … %}`, with the field it stands in as AWS names it (`Output/FunctionResult`).
    Expression {
        expression: Rc<jsonata::Expression>,
        field: Rc<str>,
    },
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
}

/// A syntax problem inside an expression string: the diagnostic's pointer names the string,
/// `offset` the character inside it (counted from the string's opening quote).
pub struct InnerOffset {
    /// The index of the diagnostic in the parser's list.
    pub diagnostic: usize,
    /// Characters from the opening quote to the problem.
    pub offset: usize,
}

/// A JSONata field that failed: a States.QueryEvaluationError and the field it happened
/// in (AWS's `location`, when it names one).
#[derive(Debug)]
pub struct QueryFailure {
    /// The error and its cause (without the state prefix).
    pub failure: Failure,
    /// The field, e.g. `Items` or `Output/total`.
    pub location: Option<Rc<str>>,
}

/// What an evaluation sees beyond the variables: `$states` and the virtual clock.
pub struct Env<'a> {
    /// The state's input, context object and workflow variables.
    pub scope: Scope<'a>,
    /// `$states.result`, after the state's work.
    pub result: Option<&'a Value>,
    /// `$states.errorOutput`, in a Catch.
    pub error_output: Option<&'a Value>,
    /// What `$now()` and `$millis()` return, in milliseconds.
    pub now: i64,
}

impl<'a> Env<'a> {
    /// An environment over `scope` at `now`, before the state has a result.
    pub fn new(scope: Scope<'a>, now: i64) -> Self {
        Env {
            scope,
            result: None,
            error_output: None,
            now,
        }
    }

    /// The variables `reads` names, and `$states` with the members `reads` names, for all
    /// the expressions of a field; `context` is `$states.context` as far as `reads` reaches.
    fn bindings<'b>(
        &'b self,
        reads: &'b Reads,
        context: Option<&'b Value>,
    ) -> jsonata::PreparedBindings<'b> {
        let mut bindings = jsonata::PreparedBindings::new(jsonata::Mode::StepFunctions);
        for name in &reads.variables {
            if let Some(value) = self.scope.variables.get(name) {
                bindings.bind(name, value);
            }
        }
        let mut states: Vec<(&str, &Value)> = Vec::with_capacity(4);
        if reads.input {
            states.push(("input", self.scope.input));
        }
        if let Some(context) = context {
            states.push(("context", context));
        }
        if let Some(result) = self.result.filter(|_| reads.result) {
            states.push(("result", result));
        }
        if let Some(error) = self.error_output.filter(|_| reads.error_output) {
            states.push(("errorOutput", error));
        }
        bindings.bind_object("states", states);
        bindings
    }

    /// `$states.context` as far as `reads` reaches: whole, or with the sections named only.
    fn context(&self, reads: &ContextReads) -> Option<Cow<'a, Value>> {
        let context = self.scope.context;
        match reads {
            ContextReads::Nothing => None,
            ContextReads::Whole => Some(Cow::Borrowed(context.value())),
            ContextReads::Sections(names) => Some(Cow::Owned(Value::Object(
                names
                    .iter()
                    .filter_map(|name| Some((name.clone(), context.section(name)?)))
                    .collect(),
            ))),
        }
    }
}

/// Whether a string is a JSONata expression (`{%` … `%}`), and its inner text.
pub fn expression_text(s: &str) -> Option<&str> {
    s.strip_prefix("{%")?.strip_suffix("%}")
}

impl Query {
    /// Compiles `value`, the field `field` at `pointer`; syntax errors become diagnostics
    /// (with their offset inside the string recorded in `offsets`).
    pub fn compile(
        value: &Value,
        field: &str,
        pointer: &str,
        diags: &mut Vec<Diagnostic>,
        offsets: &mut Vec<InnerOffset>,
    ) -> Query {
        let root = Node::compile(value, field, pointer, diags, offsets);
        let mut reads = Reads::default();
        root.note_reads(&mut reads);
        Query { root, reads }
    }

    /// The expression's text when the whole field is one expression.
    pub fn expression(&self) -> Option<&str> {
        match &self.root {
            Node::Expression { expression, .. } => Some(expression.source()),
            _ => None,
        }
    }

    /// Evaluates the field in `env`; `$random()` and `$uuid()` draw their seed from `rng`.
    pub fn evaluate(&self, env: &Env, rng: &mut Rng) -> Result<Value, QueryFailure> {
        self.evaluate_reading(env, rng, &self.reads)
    }

    /// Evaluates the field in `env` with what `reads` names bound.
    fn evaluate_reading(
        &self,
        env: &Env,
        rng: &mut Rng,
        reads: &Reads,
    ) -> Result<Value, QueryFailure> {
        if let Node::Literal(v) = &self.root {
            return Ok(v.clone());
        }
        let context = env.context(&reads.context);
        let bindings = env.bindings(reads, context.as_deref());
        let options = jsonata::Options {
            now_millis: env.now,
            seed: rng.next_u64(),
            mode: jsonata::Mode::StepFunctions,
            ..jsonata::Options::default()
        };
        let mut room = Room::payload();
        self.root
            .evaluate(env.scope.input, &bindings, &options, &mut room)
            .map_err(|e| match e {
                Built::Failed(e) => e,
                Built::Full => QueryFailure {
                    failure: data_limit_exceeded(env.scope.context.state_name),
                    location: None,
                },
            })
    }

    /// AWS's failure for a result of the wrong type: `expected` names the JSON type wanted.
    pub fn type_error(&self, field: &str, expected: &str, value: &Value) -> QueryFailure {
        let got = type_name(value);
        let detail = format!(
            "Expected '{expected}', but was '{got}' for value: {}",
            compact(value)
        );
        let cause = match self.expression() {
            Some(text) => format!(
                "The JSONata expression '{text}' specified for the field '{field}' returned an unexpected result type. {detail}"
            ),
            None => format!("The field '{field}' holds an unexpected type. {detail}"),
        };
        QueryFailure {
            failure: Failure::new(names::QUERY_EVALUATION_ERROR, cause),
            location: Some(field.into()),
        }
    }
}

/// A States.QueryEvaluationError with `cause` (the state prefix is added later) and no
/// field named.
pub fn query_error(cause: impl Into<String>) -> QueryFailure {
    QueryFailure {
        failure: Failure::new(names::QUERY_EVALUATION_ERROR, cause),
        location: None,
    }
}

/// A States.QueryEvaluationError in `field`.
fn field_error(field: &Rc<str>, cause: String) -> QueryFailure {
    QueryFailure {
        failure: Failure::new(names::QUERY_EVALUATION_ERROR, cause),
        location: Some(field.clone()),
    }
}

/// Why a field's value was not built.
enum Built {
    /// An expression failed.
    Failed(QueryFailure),
    /// The value came to more than a payload holds.
    Full,
}

impl From<QueryFailure> for Built {
    fn from(e: QueryFailure) -> Self {
        Built::Failed(e)
    }
}

/// The JSON type of a value as AWS names it in its messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Node {
    fn compile(
        value: &Value,
        field: &str,
        pointer: &str,
        diags: &mut Vec<Diagnostic>,
        offsets: &mut Vec<InnerOffset>,
    ) -> Node {
        match value {
            Value::String(s) => match expression_text(s) {
                Some(text) => match parse(text) {
                    Ok(expression) => Node::Expression {
                        expression: Rc::new(expression),
                        field: field.into(),
                    },
                    Err((message, offset)) => {
                        offsets.push(InnerOffset {
                            diagnostic: diags.len(),
                            offset: 3 + offset,
                        });
                        diags.push(Diagnostic::new(Code::InvalidJsonata, pointer, message));
                        Node::Literal(Value::Null)
                    }
                },
                None => {
                    if s.starts_with("{%") {
                        diags.push(Diagnostic::new(
                            Code::InvalidJsonata,
                            pointer,
                            "a JSONata expression must be written exactly as \"{% expression %}\", with nothing before '{%' or after '%}'",
                        ));
                    }
                    Node::Literal(value.clone())
                }
            },
            Value::Object(map) => {
                let members: Vec<(String, Node)> = map
                    .iter()
                    .map(|(k, v)| {
                        let node = Node::compile(
                            v,
                            &format!("{field}/{k}"),
                            &pointer_push(pointer, k),
                            diags,
                            offsets,
                        );
                        (k.clone(), node)
                    })
                    .collect();
                if members.iter().all(|(_, n)| matches!(n, Node::Literal(_))) {
                    Node::Literal(value.clone())
                } else {
                    Node::Object(members)
                }
            }
            Value::Array(items) => {
                let nodes: Vec<Node> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let at = format!("{pointer}/{i}");
                        Node::compile(v, &format!("{field}[{i}]"), &at, diags, offsets)
                    })
                    .collect();
                if nodes.iter().all(|n| matches!(n, Node::Literal(_))) {
                    Node::Literal(value.clone())
                } else {
                    Node::Array(nodes)
                }
            }
            other => Node::Literal(other.clone()),
        }
    }

    /// Adds what the expressions inside may read to `reads`.
    fn note_reads(&self, reads: &mut Reads) {
        match self {
            Node::Literal(_) => {}
            Node::Expression { expression, .. } => reads.add(expression.source()),
            Node::Object(members) => members.iter().for_each(|(_, n)| n.note_reads(reads)),
            Node::Array(items) => items.iter().for_each(|n| n.note_reads(reads)),
        }
    }

    /// The node's value, each part measured against `room` before it joins the rest.
    fn evaluate(
        &self,
        input: &Value,
        bindings: &jsonata::PreparedBindings,
        options: &jsonata::Options,
        room: &mut Room,
    ) -> Result<Value, Built> {
        let value = match self {
            Node::Literal(v) if room.take(v, 0) => v.clone(),
            Node::Literal(_) => return Err(Built::Full),
            Node::Expression { expression, field } => {
                let text = expression.source();
                let value = match expression.evaluate_prepared(input, bindings, options) {
                    Ok(Some(v)) => v,
                    Ok(None) => return Err(field_error(field, format!(
                        "The JSONata expression '{text}' specified for the field '{field}' returned nothing (undefined)."
                    )).into()),
                    Err(e) => return Err(field_error(field, format!(
                        "The JSONata expression '{text}' specified for the field '{field}' threw an error during evaluation. {}: {}",
                        e.code, e.message
                    )).into()),
                };
                if !room.take(&value, 0) {
                    return Err(Built::Full);
                }
                value
            }
            Node::Object(members) => {
                let mut out = Map::new();
                for (k, node) in members {
                    if !room.take_bytes(k.len() + 4) {
                        return Err(Built::Full);
                    }
                    out.insert(k.clone(), node.evaluate(input, bindings, options, room)?);
                }
                Value::Object(out)
            }
            Node::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for n in items {
                    if !room.take_bytes(1) {
                        return Err(Built::Full);
                    }
                    out.push(n.evaluate(input, bindings, options, room)?);
                }
                Value::Array(out)
            }
        };
        Ok(value)
    }
}

/// Parses the text between `{%` and `%}`, trimmed (AWS quotes the expression trimmed in
/// its causes), refusing `$` and `$$` at its top level as CreateStateMachine does. An error
/// comes back with its offset in characters from the start of `text` (untrimmed).
fn parse(text: &str) -> Result<jsonata::Expression, (String, usize)> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let lead_chars = text[..lead].chars().count();
    if let Some(at) = top_level_root(trimmed) {
        return Err((
            "'$' and '$$' cannot be used at the top level of a JSONata expression in Step Functions; use $states.input or $states.context"
                .into(),
            lead_chars + at,
        ));
    }
    jsonata::Expression::parse(trimmed).map_err(|e| {
        (
            format!("invalid JSONata expression: {}: {}", e.code, e.message),
            lead_chars + e.position.unwrap_or(0),
        )
    })
}

/// The character offset of a `$` or `$$` that stands alone (not `$name`) outside any
/// brackets, braces, parentheses or string literal.
fn top_level_root(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let (mut depth, mut quote, mut i) = (0i32, None::<char>, 0);
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), '\\') if q != '`' => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '$') if depth == 0 => {
                let next = chars.get(i + 1).copied();
                let named = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if next == Some('$') {
                    if !named(chars.get(i + 2).copied()) {
                        return Some(i);
                    }
                    i += 1;
                } else if !named(next) {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_at_the_top_level_are_found_and_names_are_not() {
        assert_eq!(top_level_root("$.a"), Some(0));
        assert_eq!(top_level_root("1 + $$.Execution"), Some(4));
        assert_eq!(top_level_root("$states.input"), None);
        assert_eq!(top_level_root("$map($x, function($v){ $ })"), None);
        assert_eq!(top_level_root("'$' & $x"), None);
        assert_eq!(top_level_root("$$name"), None);
    }

    #[test]
    fn syntax_errors_point_inside_the_string() {
        let mut diags = Vec::new();
        let mut offsets = Vec::new();
        let v = serde_json::json!({"a": ["{% 1 + %}"]});
        Query::compile(&v, "Output", "/Output", &mut diags, &mut offsets);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].pointer, "/Output/a/0");
        assert!(offsets[0].offset > 3);
    }

    /// Evaluates `{% text %}` in an environment with every kind of value, binding what the
    /// text says the expression reads and then everything: both must give the same.
    #[test]
    fn binding_what_the_text_names_gives_what_binding_everything_gives() {
        use crate::scope::{ExecutionInfo, StateContext, Variables};
        use serde_json::json;

        let info = ExecutionInfo {
            execution_arn: "arn:aws:states:us-east-1:123456789012:execution:M:e".into(),
            name: "e".into(),
            state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:M".into(),
            state_machine_name: "M".into(),
            role_arn: "arn:aws:iam::123456789012:role/R".into(),
            start_time: 1_700_000_000_000,
            input: Rc::new(json!({"n": 3, "items": [1, 2]})),
        };
        let item = json!({"id": 7});
        let mut context = StateContext::new(&info, "S", 1_700_000_001_000);
        context.retry_count = Some(1);
        context.task_token = Some("token");
        context.map_item = Some((2, &item));
        let mut parent = Variables::default();
        parent.set("x".into(), json!(10));
        parent.set("hash".into(), json!("shadowed by the function"));
        let mut variables = Variables::child_of(Rc::new(parent));
        variables.set("y".into(), json!({"z": [1, {"w": 2}]}));
        variables.set("states".into(), json!("shadowed by $states"));
        let input = json!({"a": 1, "b": {"c": "d"}, "list": [3, 1, 2]});
        let (result, error) = (json!({"r": true}), json!({"Error": "E", "Cause": "c"}));
        let mut env = Env::new(context.scope(&input, &variables), 5);
        env.result = Some(&result);
        env.error_output = Some(&error);
        let everything = Reads {
            input: true,
            result: true,
            error_output: true,
            context: ContextReads::Whole,
            variables: ["x", "y", "hash", "states"].map(String::from).to_vec(),
        };
        let texts = [
            "$states.input.a + $x",
            "$states.context.Map.Item.Value.id & $states.context.State.Name",
            "$states.context.Task.Token & $states.context.State.RetryCount",
            "$states.context.Execution.Input.items[1] + $states.context.Map.Item.Index",
            "$keys($states.context)",
            "$keys($states)",
            "$states.result.r and $states.errorOutput.Error = 'E'",
            "$states.input.b.%.a",
            "$states.input.%.result.r",
            "$y.z[1].w + $count($y.z)",
            "$map($states.input.list, function($v) { $v * $x })",
            "$lookup($states, 'input').a",
            "$states.context.Nothing",
            "$hash('a', 'MD5')",
            "[$states.input.a, $states.input.missing]",
            "$states.input.b.c & $uuid()",
            "b.c & $states.input.list[$ > $$.a]",
            "$undefined",
        ];
        let mut diags = Vec::new();
        let mut offsets = Vec::new();
        for text in texts {
            let field = Value::String(format!("{{% {text} %}}"));
            let query = Query::compile(&field, "Output", "/Output", &mut diags, &mut offsets);
            assert!(diags.is_empty(), "{text}: {}", diags[0].message);
            let named = query.evaluate(&env, &mut Rng::new(1));
            let all = query.evaluate_reading(&env, &mut Rng::new(1), &everything);
            let show = |r: Result<Value, QueryFailure>| r.map_err(|e| e.failure.cause);
            assert_eq!(show(named), show(all), "{text}");
        }
    }
}
