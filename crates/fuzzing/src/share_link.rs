//! Share links: a URL fragment read as the page reads it on load.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use share::Fragment;

/// Bytes starting with `#` are a fragment as typed; any others are the text a link carries
/// (the envelope of `#s=2.`), deflated and base64url-encoded here so that the fuzzer mutates
/// what is inside the link rather than its encoding. A scenario read is written back as a
/// link, which must read back to the same scenario and view.
pub fn share_link(data: &[u8]) {
    let fragment = match data.first() {
        Some(b'#') => match crate::text(data) {
            Some(text) => text.to_string(),
            None => return,
        },
        _ => {
            let deflated = miniz_oxide::deflate::compress_to_vec(data, 1);
            format!("#s=2.{}", URL_SAFE_NO_PAD.encode(deflated))
        }
    };
    if let Ok(Fragment::Shared(shared)) = share::parse_fragment(&fragment) {
        let again = share::parse_fragment(&share::fragment(&shared));
        assert!(
            again
                .as_ref()
                .is_ok_and(|f| *f == Fragment::Shared(shared.clone())),
            "the link written for a link read does not read back: {again:?}"
        );
    }
}
