//! Parses the text of an intrinsic call (`States.Format('{}', $.a)`) into a [`Call`].

use serde_json::{Number, Value};

use super::error::IntrinsicSyntaxError;
use super::format;
use super::function::Function;
use super::{Arg, Call};

/// How deeply calls may be nested inside one another (the outermost call counts as 1).
pub const MAX_NESTING: usize = 10;

const PREFIX: &str = "States.";

/// Parses `text`, a whole `.$` field value that is an intrinsic call.
pub fn parse<P>(
    text: &str,
    compile_path: &mut dyn FnMut(&str) -> Result<P, String>,
) -> Result<Call<P>, IntrinsicSyntaxError> {
    let mut parser = Parser {
        text,
        pos: 0,
        compile_path,
    };
    parser.skip_whitespace();
    let call = parser.call(1)?;
    parser.skip_whitespace();
    if parser.pos < text.len() {
        return Err(IntrinsicSyntaxError::TrailingText {
            at: parser.offset(parser.pos),
        });
    }
    Ok(call)
}

struct Parser<'t, 'c, P> {
    text: &'t str,
    /// Byte position of the next character (always on a character boundary).
    pos: usize,
    compile_path: &'c mut dyn FnMut(&str) -> Result<P, String>,
}

impl<'t, P> Parser<'t, '_, P> {
    /// The character offset of byte position `pos`.
    fn offset(&self, pos: usize) -> usize {
        self.text.get(..pos).map_or(0, |s| s.chars().count())
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_whitespace(&mut self) {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        self.pos += rest.len() - trimmed.len();
    }

    fn unexpected(&self) -> IntrinsicSyntaxError {
        match self.peek() {
            Some(found) => IntrinsicSyntaxError::UnexpectedCharacter {
                at: self.offset(self.pos),
                found,
            },
            None => IntrinsicSyntaxError::UnexpectedEnd,
        }
    }

    /// `States.Name(arg, ...)`, nested `depth` deep.
    fn call(&mut self, depth: usize) -> Result<Call<P>, IntrinsicSyntaxError> {
        if depth > MAX_NESTING {
            return Err(IntrinsicSyntaxError::TooDeeplyNested { max: MAX_NESTING });
        }
        let start = self.pos;
        if !self.rest().starts_with(PREFIX) {
            return Err(IntrinsicSyntaxError::ExpectedFunction {
                at: self.offset(start),
            });
        }
        let name_len = PREFIX.len()
            + self.rest()[PREFIX.len()..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(self.rest().len() - PREFIX.len());
        let name = &self.rest()[..name_len];
        let function =
            Function::from_name(name).ok_or_else(|| IntrinsicSyntaxError::UnknownFunction {
                name: name.to_owned(),
            })?;
        self.pos += name_len;
        if self.peek() != Some('(') {
            return Err(IntrinsicSyntaxError::ExpectedOpenParen {
                at: self.offset(self.pos),
            });
        }
        self.pos += 1;
        let args = self.arguments(function, depth)?;
        validate(function, &args)?;
        Ok(Call { function, args })
    }

    /// The arguments after `(`, up to and including `)`.
    fn arguments(
        &mut self,
        function: Function,
        depth: usize,
    ) -> Result<Vec<Arg<P>>, IntrinsicSyntaxError> {
        let mut args = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(')') {
            self.pos += 1;
            return Ok(args);
        }
        loop {
            self.skip_whitespace();
            let template = function == Function::Format && args.is_empty();
            args.push(self.argument(depth, template)?);
            self.skip_whitespace();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(')') => {
                    self.pos += 1;
                    return Ok(args);
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// One argument; `template` keeps the brace escapes of a `States.Format` template.
    fn argument(&mut self, depth: usize, template: bool) -> Result<Arg<P>, IntrinsicSyntaxError> {
        match self.peek() {
            Some('\'') => self
                .string(template)
                .map(|s| Arg::Literal(Value::String(s))),
            Some('$') => self.path(),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some('S') if self.rest().starts_with(PREFIX) => self.call(depth + 1).map(Arg::Call),
            Some(_) => self.keyword(),
            None => Err(IntrinsicSyntaxError::UnexpectedEnd),
        }
    }

    /// `true`, `false` or `null`.
    fn keyword(&mut self) -> Result<Arg<P>, IntrinsicSyntaxError> {
        let rest = self.rest();
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let value = match &rest[..word_len] {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => return Err(self.unexpected()),
        };
        self.pos += word_len;
        Ok(Arg::Literal(value))
    }

    fn number(&mut self) -> Result<Arg<P>, IntrinsicSyntaxError> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E'))
            .unwrap_or(rest.len());
        let text = &rest[..len];
        let number = text
            .parse::<Number>()
            .map_err(|_| IntrinsicSyntaxError::BadNumber {
                at: self.offset(self.pos),
                text: text.to_owned(),
            })?;
        self.pos += len;
        Ok(Arg::Literal(Value::Number(number)))
    }

    /// A single-quoted string; the unescaped text, or for a template the text that still
    /// holds its `\{`, `\}` and `\\` escapes (see [`format`]).
    fn string(&mut self, template: bool) -> Result<String, IntrinsicSyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\'' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, '\'')) => out.push('\''),
                    Some((_, e @ ('{' | '}' | '\\'))) => {
                        if template {
                            out.push('\\');
                        }
                        out.push(e);
                    }
                    Some(_) => {
                        return Err(IntrinsicSyntaxError::InvalidEscape {
                            at: self.offset(self.pos + i),
                        })
                    }
                    None => break,
                },
                _ => out.push(c),
            }
        }
        Err(IntrinsicSyntaxError::UnterminatedString {
            at: self.offset(open),
        })
    }

    /// A path: from `$` up to a `,`, `)` or whitespace outside brackets, parentheses and quotes.
    fn path(&mut self) -> Result<Arg<P>, IntrinsicSyntaxError> {
        let rest = self.rest();
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' if depth > 0 => quote = Some(c),
                '[' | '(' => depth += 1,
                ']' | ')' if depth > 0 => depth -= 1,
                ',' | ')' | ' ' | '\t' | '\n' | '\r' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let text = &rest[..end];
        let path = (self.compile_path)(text).map_err(|message| IntrinsicSyntaxError::BadPath {
            text: text.to_owned(),
            message,
        })?;
        self.pos += end;
        Ok(Arg::Path(path))
    }
}

/// The static checks AWS makes at creation: argument count, literal argument kinds and the
/// placeholders of a literal `States.Format` template.
fn validate<P>(function: Function, args: &[Arg<P>]) -> Result<(), IntrinsicSyntaxError> {
    let arity = function.arity();
    if !arity.accepts(args.len()) {
        return Err(IntrinsicSyntaxError::WrongArity {
            function,
            expected: arity,
            got: args.len(),
        });
    }
    for (index, arg) in args.iter().enumerate() {
        let expected = function.parameter(index);
        if let Arg::Literal(value) = arg {
            if !expected.accepts(value) {
                return Err(IntrinsicSyntaxError::WrongArgumentType {
                    function,
                    position: index + 1,
                    expected,
                });
            }
        }
    }
    if let (Function::Format, Some(Arg::Literal(Value::String(template)))) =
        (function, args.first())
    {
        let placeholders = format::count_placeholders(template, true);
        if placeholders != args.len() - 1 {
            return Err(IntrinsicSyntaxError::FormatPlaceholders {
                placeholders,
                values: args.len() - 1,
            });
        }
    }
    Ok(())
}
