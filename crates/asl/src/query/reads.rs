//! What the expressions of a JSONata field may read of `$states` and of the workflow
//! variables, found in their text, so that an evaluation binds only that instead of copying
//! every variable, the state's input and the whole context object each time.
//!
//! JSONata names a variable only as `$name` (Step Functions takes `$eval` away), so a
//! variable whose `$name` never appears as the lexer reads a name cannot be read. Reading
//! more than the expression needs costs time only; reading less would change results, so
//! every doubt (`$states` passed whole, `$states[…]`, the parent operator `%` that climbs
//! back from a member) reads everything.

/// What the expressions of a field may read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// `$states.input`.
    pub input: bool,
    /// `$states.result`.
    pub result: bool,
    /// `$states.errorOutput`.
    pub error_output: bool,
    /// `$states.context`.
    pub context: ContextReads,
    /// Every name written `$name`, other than `states`: the workflow variables among them
    /// are bound.
    pub variables: Vec<String>,
}

/// What the expressions of a field may read of the context object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ContextReads {
    /// Nothing.
    #[default]
    Nothing,
    /// These top-level members only (`Execution`, `State`, `Map` …), as written.
    Sections(Vec<String>),
    /// All of it.
    Whole,
}

/// The characters that end a name in the JSONata lexer besides whitespace: its
/// single-character operators.
const OPERATORS: &str = ".[]{}(),@#;:?+-*/%|=<>^&!~";

impl Reads {
    /// Adds what `source`, the text of one expression, may read.
    pub fn add(&mut self, source: &str) {
        let climbs = source.contains('%');
        let mut rest = source;
        while let Some(at) = rest.find('$') {
            rest = &rest[at + 1..];
            let name = word(rest);
            if name == "states" {
                let after = &rest[name.len()..];
                match member(after).filter(|_| !climbs) {
                    Some((member, after)) => self.add_member(member, after),
                    None => self.add_all(),
                }
            } else if !name.is_empty() && !self.variables.iter().any(|v| v == name) {
                self.variables.push(name.to_string());
            }
        }
    }

    /// Adds `$states.member`, `after` being the text that follows it.
    fn add_member(&mut self, member: &str, after: &str) {
        match member {
            "input" => self.input = true,
            "result" => self.result = true,
            "errorOutput" => self.error_output = true,
            "context" => match (member_of(after), &mut self.context) {
                (_, ContextReads::Whole) => {}
                (None, context) => *context = ContextReads::Whole,
                (Some(section), ContextReads::Sections(sections)) => {
                    if !sections.iter().any(|s| s == section) {
                        sections.push(section.to_string());
                    }
                }
                (Some(section), context) => {
                    *context = ContextReads::Sections(vec![section.to_string()]);
                }
            },
            _ => {}
        }
    }

    /// Adds `$states` whole.
    fn add_all(&mut self) {
        self.input = true;
        self.result = true;
        self.error_output = true;
        self.context = ContextReads::Whole;
    }
}

/// The name at the start of `text`, ended as the JSONata lexer ends one: at whitespace or
/// an operator character.
fn word(text: &str) -> &str {
    let end = text
        .find(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}') || OPERATORS.contains(c))
        .unwrap_or(text.len());
    &text[..end]
}

/// The member named right after `text`'s leading `.`, when it is a plain identifier (what
/// the lexer surely reads as a field name), and the text after it.
fn member(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('.')?;
    let name = word(rest);
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    plain.then(|| (name, &rest[name.len()..]))
}

/// The member named right after `text`'s leading `.`, as [`member`] finds it.
fn member_of(text: &str) -> Option<&str> {
    member(text).map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `source` reads, written `input result errorOutput context=… variables=…`.
    fn summary(source: &str) -> String {
        let mut reads = Reads::default();
        reads.add(source);
        let mut parts: Vec<String> = [
            (reads.input, "input"),
            (reads.result, "result"),
            (reads.error_output, "errorOutput"),
        ]
        .iter()
        .filter(|(read, _)| *read)
        .map(|(_, name)| name.to_string())
        .collect();
        match &reads.context {
            ContextReads::Nothing => {}
            ContextReads::Whole => parts.push("context=all".into()),
            ContextReads::Sections(names) => parts.push(format!("context={}", names.join(","))),
        }
        if !reads.variables.is_empty() {
            parts.push(format!("variables={}", reads.variables.join(",")));
        }
        parts.join(" ")
    }

    #[test]
    fn the_text_says_what_an_expression_may_read() {
        let cases = [
            ("$states.input.a + 1", "input"),
            ("$states.input", "input"),
            (
                "$states.result.x & $states.errorOutput.Cause",
                "result errorOutput",
            ),
            ("$states.context.Map.Item.Value", "context=Map"),
            (
                "$states.context.Execution.Input.n + $states.context.State.Name",
                "context=Execution,State",
            ),
            ("$states.context", "context=all"),
            ("$states.context.`Map`", "context=all"),
            ("$states.context[0]", "context=all"),
            (
                "$states.context.Map.%",
                "input result errorOutput context=all",
            ),
            (
                "$keys($states)",
                "input result errorOutput context=all variables=keys",
            ),
            ("$states . input", "input result errorOutput context=all"),
            ("$states.`input`", "input result errorOutput context=all"),
            ("$states.\"input\"", "input result errorOutput context=all"),
            ("$states..x", "input result errorOutput context=all"),
            ("$states.(input)", "input result errorOutput context=all"),
            (
                "$states.input.a.%.b",
                "input result errorOutput context=all",
            ),
            ("$states.nothing", ""),
            ("$statesx.input", "variables=statesx"),
            ("$x + $y.z", "variables=x,y"),
            (
                "$map($list, function($v) { $v * $factor })",
                "variables=map,list,v,factor",
            ),
            ("$a€ + $b", "variables=a€,b"),
            ("$x'y", "variables=x'y"),
            ("$$.a", "variables=$"),
            (
                "'$states.input' & $states.input.a",
                "input result errorOutput context=all",
            ),
            ("1 + 2", ""),
        ];
        for (source, expected) in cases {
            assert_eq!(summary(source), expected, "{source}");
        }
    }

    #[test]
    fn fields_unite_what_their_expressions_read() {
        let mut reads = Reads::default();
        reads.add("$states.context.Map.Item.Value");
        reads.add("$states.context.Map.Item.Index + $n");
        reads.add("$states.context.State.Name & $n");
        assert_eq!(
            reads.context,
            ContextReads::Sections(vec!["Map".into(), "State".into()])
        );
        reads.add("$states.context");
        reads.add("$states.context.Task");
        assert_eq!(reads.context, ContextReads::Whole);
        assert_eq!(reads.variables, ["n"]);
    }
}
