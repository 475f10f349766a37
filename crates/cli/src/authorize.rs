//! `sfn-play authorize FILE`: decides one request (or an array of them) as
//! [`engines::decisions`] does and prints `{"result", "explanation"}` for each. In an
//! array, a malformed request is reported in its place and the others are decided; the
//! exit status is then 1. A single malformed request is reported on stderr with its line
//! and column (exit 2). An array's entries are decided and printed one at a time, so a
//! file of many requests takes time linear in its size and little memory.

const USAGE: &str = "usage: sfn-play authorize FILE";

pub fn main(args: &[String]) -> u8 {
    let [file] = args else {
        warn!("{USAGE}");
        return 2;
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            warn!("sfn-play authorize: cannot read {file}: {e}");
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
                warn!("sfn-play authorize: {e}");
                2
            }
        },
        Ok(engines::Decisions::Batch(mut batch)) => {
            crate::output::stream(|w| batch.write_pretty(w));
            u8::from(batch.invalid())
        }
        Err(e) => {
            warn!("{file}:{e}");
            2
        }
    }
}
