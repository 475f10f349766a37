//! Reading a reference file (format 1, described in `scripts/gen-iam-reference`): the
//! header, the word, key and global-key records, then the services, their resource types
//! and their actions.

use super::error::{ReferenceError, ReferenceErrorKind as Kind};
use super::keys::Key;
use super::{cmp_ignoring_case, Action, Reference, ResourceType, Service, Span};
use std::cmp::Ordering;
use std::iter::Peekable;

/// How many digits there are: the printable ASCII characters but `,` and `;`.
const BASE: usize = 92;

/// The value of a digit.
fn digit(b: u8) -> Option<usize> {
    match b {
        b',' | b';' => None,
        33..=126 => Some(usize::from(b - 33) - usize::from(b > b',') - usize::from(b > b';')),
        _ => None,
    }
}

/// How many digits a code into a table of `len` entries has.
fn width(len: usize) -> usize {
    if len <= BASE {
        1
    } else {
        2
    }
}

/// The codes of a field, `width` digits each, each below `limit`.
fn codes(field: &str, width: usize, limit: usize) -> Option<Vec<u16>> {
    let bytes = field.as_bytes();
    if !bytes.len().is_multiple_of(width) {
        return None;
    }
    bytes
        .chunks(width)
        .map(|chunk| {
            let value = chunk
                .iter()
                .try_fold(0usize, |acc, &b| Some(acc * BASE + digit(b)?))?;
            if value < limit {
                u16::try_from(value).ok()
            } else {
                None
            }
        })
        .collect()
}

/// One record: its line and its tab-separated fields.
struct Record<'a> {
    line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Record<'a> {
    fn tag(&self) -> &'a str {
        self.fields.first().copied().unwrap_or("")
    }

    fn field(&self, at: usize, what: &'static str) -> Result<&'a str, ReferenceError> {
        self.fields
            .get(at)
            .copied()
            .ok_or_else(|| self.error(Kind::Field(what)))
    }

    fn number(&self, at: usize, what: &'static str) -> Result<usize, ReferenceError> {
        self.field(at, what)?
            .parse()
            .map_err(|_| self.error(Kind::Field(what)))
    }

    fn error(&self, kind: Kind) -> ReferenceError {
        ReferenceError::new(self.line, kind)
    }
}

/// The records of a file, comments and blank lines left out.
struct Records<'a> {
    lines: Peekable<std::vec::IntoIter<Record<'a>>>,
    last_line: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Records<'a> {
        let records: Vec<Record<'a>> = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
            .map(|(i, line)| Record {
                line: i + 1,
                fields: line.split('\t').collect(),
            })
            .collect();
        Records {
            lines: records.into_iter().peekable(),
            last_line: text.lines().count() + 1,
        }
    }

    /// The next record, which must be of kind `tag`.
    fn expect(&mut self, tag: &'static str) -> Result<Record<'a>, ReferenceError> {
        match self.lines.next() {
            Some(r) if r.tag() == tag => Ok(r),
            Some(r) => Err(r.error(Kind::Expected(tag))),
            None => Err(ReferenceError::new(self.last_line, Kind::Expected(tag))),
        }
    }

    /// The next record if it is of kind `tag`.
    fn next_if(&mut self, tag: &str) -> Option<Record<'a>> {
        self.lines.next_if(|r| r.tag() == tag)
    }
}

/// A service as its `s` record gives it, before its resource types and actions.
struct Head<'a> {
    prefix: &'a str,
    own: usize,
    types: usize,
    /// The local key table (indexes into the key table).
    keys: Vec<u16>,
}

/// The word dictionary and how its codes are read.
struct Words<'a> {
    words: Vec<&'a str>,
    singles: usize,
}

impl Words<'_> {
    /// Appends the words of `codes` to `out`; the first word's length, or None for a bad code.
    fn decode(&self, codes: &[u8], out: &mut String) -> Option<usize> {
        let mut first = None;
        let mut i = 0;
        while let Some(&b) = codes.get(i) {
            let lead = digit(b)?;
            let index = if lead < self.singles {
                i += 1;
                lead
            } else {
                let low = digit(*codes.get(i + 1)?)?;
                i += 2;
                self.singles + (lead - self.singles) * BASE + low
            };
            out.push_str(self.words.get(index)?);
            first.get_or_insert(out.len());
        }
        first
    }
}

pub(super) fn parse(text: &str) -> Result<Reference, ReferenceError> {
    let mut records = Records::new(text);
    let header = records
        .lines
        .next()
        .ok_or_else(|| ReferenceError::new(1, Kind::Header))?;
    if header.tag() != "iam-reference" || header.fields.get(1) != Some(&"1") {
        return Err(header.error(Kind::Header));
    }
    let version = header.field(2, "package version")?.to_string();
    let singles = header.number(3, "K")?;
    if singles > BASE {
        return Err(header.error(Kind::Header));
    }

    let w = records.expect("w")?;
    let words = Words {
        words: w.field(1, "words")?.split(' ').collect(),
        singles,
    };
    let k = records.expect("k")?;
    let keys = read_keys(&k)?;
    let g = records.expect("g")?;
    let listed = codes(g.field(1, "global keys")?, 2, keys.len())
        .ok_or_else(|| g.error(Kind::Field("global keys")))?;

    let mut heads = Vec::new();
    while let Some(s) = records.next_if("s") {
        let own = s.number(2, "own key count")?;
        let local = codes(s.field(4, "key table")?, 2, keys.len())
            .filter(|local| own <= local.len())
            .ok_or_else(|| s.error(Kind::Field("key table")))?;
        heads.push(Head {
            prefix: s.field(1, "service prefix")?,
            own,
            types: s.number(3, "resource type count")?,
            keys: local,
        });
    }

    let mut lists = Vec::new();
    let mut types = Vec::with_capacity(heads.len());
    for head in &heads {
        let mut of_service = Vec::with_capacity(head.types);
        for _ in 0..head.types {
            let r = records.expect("r")?;
            of_service.push(read_resource_type(&r, head, &mut lists)?);
        }
        types.push(of_service);
    }

    let mut services = Vec::with_capacity(heads.len());
    for (head, resource_types) in heads.into_iter().zip(types) {
        let a = records.expect("a")?;
        let mut actions = read_actions(&a, &head, resource_types.len(), &words, &mut lists)?;
        actions.sort_by(|x, y| cmp_ignoring_case(&x.name, &y.name));
        services.push(Service {
            prefix: head.prefix.into(),
            own_keys: head.keys.get(..head.own).unwrap_or_default().to_vec(),
            resource_types,
            actions,
        });
    }
    if let Some(extra) = records.lines.next() {
        return Err(extra.error(Kind::Trailing));
    }
    services.sort_by(|a, b| cmp_ignoring_case(&a.prefix, &b.prefix));

    let mut global = listed;
    global.extend((0..keys.len()).filter_map(|i| {
        let aws = keys.get(i)?.text().get(..4)?.eq_ignore_ascii_case("aws:");
        aws.then(|| u16::try_from(i).ok()).flatten()
    }));
    global.sort_unstable();
    global.dedup();
    let patterns = (0..keys.len())
        .filter(|&i| keys.get(i).is_some_and(Key::has_variable))
        .filter_map(|i| u16::try_from(i).ok())
        .collect();
    Ok(Reference {
        version,
        keys,
        patterns,
        global,
        services,
        lists,
    })
}

/// The key table: each key the characters it shares with the previous one, then the rest;
/// sorted ignoring case (lookups search it).
fn read_keys(k: &Record) -> Result<Vec<Key>, ReferenceError> {
    let bad = || k.error(Kind::Field("key table"));
    let mut keys: Vec<Key> = Vec::new();
    let mut previous = String::new();
    for token in k.field(1, "key table")?.split(' ') {
        let shared = token.bytes().next().and_then(digit).ok_or_else(bad)?;
        let mut text = previous.get(..shared).ok_or_else(bad)?.to_string();
        text.push_str(token.get(1..).ok_or_else(bad)?);
        if cmp_ignoring_case(&previous, &text) == Ordering::Greater || text.is_empty() {
            return Err(bad());
        }
        previous.clone_from(&text);
        keys.push(Key::new(text));
    }
    if keys.len() > BASE * BASE {
        return Err(bad());
    }
    Ok(keys)
}

/// Appends `items` to the shared lists and returns their span.
fn push_list(lists: &mut Vec<u16>, items: &[u16]) -> Span {
    let start = u32::try_from(lists.len()).unwrap_or(u32::MAX);
    lists.extend_from_slice(items);
    Span {
        start,
        len: u32::try_from(items.len()).unwrap_or(0),
    }
}

/// Local key codes as key table indexes.
fn local_keys(field: &str, head: &Head) -> Option<Vec<u16>> {
    codes(field, width(head.keys.len()), head.keys.len())?
        .into_iter()
        .map(|k| head.keys.get(usize::from(k)).copied())
        .collect()
}

fn read_resource_type(
    r: &Record,
    head: &Head,
    lists: &mut Vec<u16>,
) -> Result<ResourceType, ReferenceError> {
    let arn_formats = r
        .field(2, "ARN formats")?
        .split(' ')
        .map(|short| expand_arn(head.prefix, short).into_boxed_str())
        .collect();
    let keys = local_keys(r.field(3, "resource type keys")?, head)
        .ok_or_else(|| r.error(Kind::Field("resource type keys")))?;
    Ok(ResourceType {
        name: r.field(1, "resource type name")?.into(),
        arn_formats,
        keys: push_list(lists, &keys),
    })
}

/// An ARN format with its opening written back in full.
fn expand_arn(prefix: &str, short: &str) -> String {
    let (region, account) = match short.as_bytes().first() {
        Some(b'~') => ("${Region}", "${Account}"),
        Some(b'^') => ("", "${Account}"),
        Some(b'@') => ("${Region}", ""),
        Some(b'_') => ("", ""),
        _ => return short.to_string(),
    };
    let rest = short.get(1..).unwrap_or_default();
    format!("arn:${{Partition}}:{prefix}:{region}:{account}:{rest}")
}

/// The actions of one service: `<word codes>[,<resource type codes>][;<key codes>]` each,
/// a part left out being the previous action's.
fn read_actions(
    a: &Record,
    head: &Head,
    types: usize,
    words: &Words,
    lists: &mut Vec<u16>,
) -> Result<Vec<Action>, ReferenceError> {
    let bad = || a.error(Kind::Field("action"));
    let mut actions = Vec::new();
    let mut rest = String::new();
    let (mut resource_types, mut keys) = (Span::default(), Span::default());
    for token in a.field(1, "actions")?.split(' ').filter(|t| !t.is_empty()) {
        let name_end = token.find([',', ';']).unwrap_or(token.len());
        let (name_codes, parts) = token.split_at(name_end);
        let mut name = String::new();
        let first = words
            .decode(name_codes.as_bytes(), &mut name)
            .ok_or_else(bad)?;
        match name.get(first..) {
            Some("") => name.push_str(&rest),
            Some(tail) => rest = tail.to_string(),
            None => return Err(bad()),
        }
        let (rt_part, key_part) = match parts.strip_prefix(',') {
            Some(after) => match after.split_once(';') {
                Some((rts, keys)) => (Some(rts), Some(keys)),
                None => (Some(after), None),
            },
            None => (None, parts.strip_prefix(';')),
        };
        if let Some(field) = rt_part {
            let list = codes(field, width(types), types).ok_or_else(bad)?;
            resource_types = push_list(lists, &list);
        }
        if let Some(field) = key_part {
            let list = local_keys(field, head).ok_or_else(bad)?;
            keys = push_list(lists, &list);
        }
        actions.push(Action {
            name: name.into_boxed_str(),
            resource_types,
            keys,
        });
    }
    Ok(actions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_skip_the_separators() {
        assert_eq!(digit(b'!'), Some(0));
        assert_eq!(digit(b'-'), Some(11));
        assert_eq!(digit(b'<'), Some(25));
        assert_eq!(digit(b'~'), Some(BASE - 1));
        assert_eq!(digit(b','), None);
        assert_eq!(digit(b' '), None);
        assert_eq!(codes("!\"", 1, 2), Some(vec![0, 1]));
        assert_eq!(codes("\"!", 2, BASE + 1), Some(vec![BASE as u16]));
        assert_eq!(codes("\"!", 2, BASE), None);
        assert_eq!(codes("!", 2, 5), None);
    }

    #[test]
    fn arn_openings_expand() {
        assert_eq!(
            expand_arn("secretsmanager", "~secret:${SecretId}"),
            "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}"
        );
        assert_eq!(
            expand_arn("s3", "_${BucketName}"),
            "arn:${Partition}:s3:::${BucketName}"
        );
        assert_eq!(
            expand_arn("iam", "^role/${RoleNameWithPath}"),
            "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
        );
        assert_eq!(
            expand_arn("x", "arn:${Partition}:y:::z"),
            "arn:${Partition}:y:::z"
        );
    }
}
