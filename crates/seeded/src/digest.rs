//! The digests of `States.Hash` and JSONata's `$hash`, by the names AWS gives them.

use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};

/// The algorithm names AWS accepts, in its documentation's order.
pub const ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// The lower-case hexadecimal digest of `data` with the algorithm AWS names `algorithm`
/// (one of [`ALGORITHMS`]); `None` for any other name.
pub fn hex_digest(algorithm: &str, data: &[u8]) -> Option<String> {
    let digest: Vec<u8> = match algorithm {
        "MD5" => Md5::digest(data).to_vec(),
        "SHA-1" => Sha1::digest(data).to_vec(),
        "SHA-256" => Sha256::digest(data).to_vec(),
        "SHA-384" => Sha384::digest(data).to_vec(),
        "SHA-512" => Sha512::digest(data).to_vec(),
        _ => return None,
    };
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_of_the_empty_string_and_unknown_names() {
        assert_eq!(
            hex_digest("MD5", b"").as_deref(),
            Some("d41d8cd98f00b204e9800998ecf8427e")
        );
        assert_eq!(
            hex_digest("SHA-1", b"abc").as_deref(),
            Some("a9993e364706816aba3e25717850c26c9cd0d89d")
        );
        assert_eq!(hex_digest("SHA-256", b"").map(|h| h.len()), Some(64));
        assert_eq!(hex_digest("SHA-512", b"").map(|h| h.len()), Some(128));
        assert_eq!(hex_digest("sha256", b""), None);
        assert!(ALGORITHMS.iter().all(|a| hex_digest(a, b"x").is_some()));
    }
}
