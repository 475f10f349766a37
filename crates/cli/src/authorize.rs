//! `sfn-play authorize FILE`: decides one request (or an array of them) as
//! [`engines::decisions`] does and prints `{"result", "explanation"}` for each. In an
//! array, a malformed request is reported in its place and the others are decided; the
//! exit status is then 1. A single malformed request is reported on stderr with its line
//! and column (exit 2). An array's entries are decided and printed one at a time, so a
//! file of many requests takes time linear in its size and little memory.

use std::io::{self, Write};

const USAGE: &str = "usage: sfn-play authorize FILE";

pub fn main(args: &[String]) -> u8 {
    let [file] = args else {
        eprintln!("{USAGE}");
        return 2;
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("sfn-play authorize: cannot read {file}: {e}");
            return 2;
        }
    };
    match engines::decisions(&text) {
        Ok(engines::Decisions::One(output)) => match serde_json::to_string_pretty(&output) {
            Ok(s) => {
                crate::output::print(&s);
                0
            }
            Err(e) => {
                eprintln!("sfn-play authorize: {e}");
                2
            }
        },
        Ok(engines::Decisions::Batch(mut batch)) => {
            crate::output::stream(|w| write_array(w, &mut batch));
            u8::from(batch.invalid())
        }
        Err(e) => {
            eprintln!("{file}:{e}");
            2
        }
    }
}

/// Writes the entries as `serde_json::to_string_pretty` writes an array of them, each
/// entry written as soon as it is decided.
fn write_array(
    w: &mut dyn Write,
    entries: impl Iterator<Item = serde_json::Value>,
) -> io::Result<()> {
    let mut any = false;
    w.write_all(b"[")?;
    for entry in entries {
        w.write_all(if any { b",\n  " } else { b"\n  " })?;
        any = true;
        serde_json::to_writer_pretty(Indented(&mut *w), &entry)?;
    }
    w.write_all(if any { b"\n]" } else { b"]" })
}

/// Indents by two spaces every line after the first of what goes through it (JSON strings
/// hold no raw line breaks, so only the pretty printer's own lines are indented).
struct Indented<'w>(&'w mut dyn Write);

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, line) in buf.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                self.0.write_all(b"\n  ")?;
            }
            self.0.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
