//! `sfn-play authorize FILE`: decides one request (or an array of them) as
//! [`engines::authorize`] does and prints `{"result", "explanation"}` for each. In an
//! array, a malformed request is reported in its place and the others are decided; the
//! exit status is then 1. A single malformed request is reported on stderr with its line
//! and column (exit 2).

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
    match engines::authorize(&text) {
        Ok(authorized) => match serde_json::to_string_pretty(&authorized.output) {
            Ok(s) => {
                crate::output::print(&s);
                u8::from(authorized.invalid)
            }
            Err(e) => {
                warn!("sfn-play authorize: {e}");
                2
            }
        },
        Err(e) => {
            warn!("{file}:{e}");
            2
        }
    }
}
