//! Reading the files the commands are given, with errors that name file, line and column.

use serde_json::Value;
use std::fmt;

/// A file that could not be used.
#[derive(Debug)]
pub enum FileError {
    Unreadable {
        path: String,
        reason: String,
    },
    NotJson {
        path: String,
        error: jsonloc::SyntaxError,
    },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Unreadable { path, reason } => write!(f, "{path}: cannot read: {reason}"),
            FileError::NotJson { path, error } => {
                write!(
                    f,
                    "{path}:{}: invalid JSON: {}",
                    error.position, error.message
                )
            }
        }
    }
}

/// The text of a file.
pub fn read_text(path: &str) -> Result<String, FileError> {
    std::fs::read_to_string(path).map_err(|e| FileError::Unreadable {
        path: path.to_string(),
        reason: e.to_string(),
    })
}

/// A file's text and its JSON value.
pub fn read_json(path: &str) -> Result<(String, Value), FileError> {
    let text = read_text(path)?;
    let value = jsonloc::parse(&text).map_err(|error| FileError::NotJson {
        path: path.to_string(),
        error,
    })?;
    Ok((text, value))
}

/// A command's arguments: `--name VALUE` flags and positional values.
pub struct Args<'a> {
    flags: Vec<(&'a str, &'a str)>,
    pub positional: Vec<&'a str>,
}

impl<'a> Args<'a> {
    /// Splits `args`; a flag not in `known`, or without a value, is an error.
    pub fn parse(args: &'a [String], known: &[&str]) -> Result<Args<'a>, String> {
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                if !known.contains(&name) {
                    return Err(format!("unknown option --{name}"));
                }
                let value = iter
                    .next()
                    .ok_or_else(|| format!("--{name} needs a value"))?;
                flags.push((name, value.as_str()));
            } else {
                positional.push(arg.as_str());
            }
        }
        Ok(Args { flags, positional })
    }

    /// Every value of `--name`, in order (a flag that may repeat).
    pub fn flag_all(&self, name: &str) -> Vec<&'a str> {
        self.flags
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .collect()
    }

    /// The value of `--name`, if given.
    pub fn flag(&self, name: &str) -> Option<&'a str> {
        self.flags.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}
