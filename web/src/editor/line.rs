//! The highlighted overlay, one memoized component per line.

use std::rc::Rc;
use yew::prelude::*;

use super::tokenize::{highlight, TokenKind};
use super::Severity;

/// One line of the document with its tokens (byte ranges within the line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub tokens: Vec<(TokenKind, usize, usize)>,
}

/// Splits a document into lines (as many as the textarea shows: a trailing line feed
/// starts an empty last line), tokenizing the whole text once.
pub fn split_lines(text: &str) -> Vec<Rc<Line>> {
    let mut lines = Vec::with_capacity(text.len() / 24 + 1);
    let mut start = 0;
    let mut tokens = Vec::new();
    for t in highlight(text) {
        if t.kind == TokenKind::Newline {
            lines.push(Rc::new(Line {
                text: text[start..t.start].to_string(),
                tokens: std::mem::take(&mut tokens),
            }));
            start = t.end;
        } else {
            tokens.push((t.kind, t.start - start, t.end - start));
        }
    }
    lines.push(Rc::new(Line {
        text: text[start..].to_string(),
        tokens,
    }));
    lines
}

/// How severe, for picking the worst of several marks.
pub fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}

/// The CSS class suffix of a severity.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn kind_class(k: TokenKind) -> Option<&'static str> {
    match k {
        TokenKind::Key => Some("je-key"),
        TokenKind::String => Some("je-str"),
        TokenKind::Number => Some("je-num"),
        TokenKind::Literal => Some("je-lit"),
        TokenKind::Punct => Some("je-punct"),
        TokenKind::Plain => Some("je-plain"),
        TokenKind::ExprDelim => Some("je-expr-delim"),
        TokenKind::Expr => Some("je-expr"),
        TokenKind::ExprVar => Some("je-expr-var"),
        TokenKind::Whitespace | TokenKind::Newline => None,
    }
}

fn worse(a: Option<Severity>, b: Severity) -> Option<Severity> {
    match a {
        Some(a) if rank(a) >= rank(b) => Some(a),
        _ => Some(b),
    }
}

/// Which token each mark underlines: the token at its column, or the nearest
/// non-blank one on the line; `None` index means past the end of the line.
fn place_marks(
    line: &Line,
    marks: &[(usize, Severity)],
) -> (Vec<Option<Severity>>, Option<Severity>) {
    let mut per_token = vec![None; line.tokens.len()];
    let mut eol = None;
    for &(column, sev) in marks {
        let byte = line
            .text
            .char_indices()
            .nth(column.max(1) - 1)
            .map_or(line.text.len(), |(i, _)| i);
        let at = line.tokens.partition_point(|t| t.2 <= byte);
        let blank = |i: &usize| line.tokens[*i].0 == TokenKind::Whitespace;
        let target = (at..line.tokens.len())
            .find(|i| !blank(i))
            .or_else(|| (0..at.min(line.tokens.len())).rev().find(|i| !blank(i)));
        match target {
            Some(i) => per_token[i] = worse(per_token[i], sev),
            None => eol = worse(eol, sev),
        }
    }
    (per_token, eol)
}

/// Whether the token starting at byte `s` lies between an expression's `{%` and `%}`.
fn inside_expression(line: &Line, s: usize) -> bool {
    let i = line.tokens.partition_point(|t| t.1 < s);
    let before = line.tokens[..i]
        .iter()
        .rev()
        .find(|t| t.0 != TokenKind::Whitespace);
    before.is_some_and(|t| {
        matches!(t.0, TokenKind::Expr | TokenKind::ExprVar)
            || (t.0 == TokenKind::ExprDelim && line.text.get(t.1..t.2) == Some("{%"))
    })
}

/// Inputs of one overlay line.
#[derive(Properties, PartialEq)]
pub struct LineProps {
    pub line: Rc<Line>,
    pub highlighted: bool,
    /// Marks on this line: 1-based column (in chars) and severity.
    pub marks: Vec<(usize, Severity)>,
}

/// One highlighted line of the overlay; re-rendered only when its props change.
#[function_component(EditorLine)]
pub fn editor_line(props: &LineProps) -> Html {
    let line = &*props.line;
    let (per_token, eol) = place_marks(line, &props.marks);
    let spans = line
        .tokens
        .iter()
        .zip(per_token)
        .map(|(&(kind, s, e), sev)| {
            let text = line.text.get(s..e).unwrap_or_default();
            let code = kind == TokenKind::Whitespace && inside_expression(line, s);
            if kind == TokenKind::Whitespace && sev.is_none() && !code {
                return Html::from(text.replace('\r', ""));
            }
            let class = classes!(
                if code {
                    Some("je-expr")
                } else {
                    kind_class(kind)
                },
                sev.map(|s| format!("je-mark je-mark-{}", severity_name(s)))
            );
            html! { <span {class}>{ text.to_string() }</span> }
        });
    let eol = eol.map(|s| {
        let class = format!("je-mark je-mark-{} je-eol", severity_name(s));
        html! { <span {class}>{ "\u{a0}" }</span> }
    });
    let testid = props
        .highlighted
        .then_some(AttrValue::Static("editor-highlight"));
    html! {
        <div class={classes!("je-line", props.highlighted.then_some("je-hl"))} data-testid={testid}>
            { for spans }
            { for eol }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_match_the_textarea() {
        let lines = split_lines("{\n  \"a\": 1\n}\n");
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].text, "  \"a\": 1");
        assert_eq!(lines[1].tokens[1], (TokenKind::Key, 2, 5));
        assert_eq!(lines[3].text, "");
        assert_eq!(split_lines("").len(), 1);
    }

    #[test]
    fn blanks_inside_an_expression_are_code() {
        let l = &split_lines(r#"  "a": "{% $x + 1 %}""#)[0];
        let starts: Vec<bool> = l.tokens.iter().map(|t| inside_expression(l, t.1)).collect();
        // "  " key ":" " " quote "{%" " " "$x" " " "+" " " "1" " " "%}" quote
        assert_eq!(
            starts,
            [
                false, false, false, false, false, false, true, true, true, true, true, true, true,
                true, false
            ]
        );
    }

    #[test]
    fn marks_land_on_tokens() {
        let l = &split_lines("  \"a\": x")[0];
        let (t, eol) = place_marks(l, &[(1, Severity::Warning), (8, Severity::Error)]);
        assert_eq!(
            t[1],
            Some(Severity::Warning),
            "blank column moves to the next token"
        );
        assert_eq!(t[4], Some(Severity::Error));
        assert_eq!(eol, None);
        let (_, eol) = place_marks(&split_lines("")[0], &[(5, Severity::Info)]);
        assert_eq!(eol, Some(Severity::Info));
        let (t, _) = place_marks(l, &[(99, Severity::Error)]);
        assert_eq!(t[4], Some(Severity::Error), "past the end: last token");
    }
}
