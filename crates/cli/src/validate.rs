//! `sfn-play validate`: every problem in a definition, or in a scenario (a document with
//! `scenarioVersion`), as a JSON array.

use crate::files::read_text;

/// Prints the diagnostics; exit 0 when valid, 1 when not, 2 when the file is unreadable.
pub fn main(args: &[String]) -> u8 {
    let [path] = args else {
        warn!("usage: sfn-play validate FILE");
        return 2;
    };
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            warn!("{e}");
            return 2;
        }
    };
    let validation = engines::validate(&text);
    crate::output::print(validation.diagnostics);
    u8::from(validation.invalid)
}
