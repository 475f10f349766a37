//! The actions an `Action` pattern (`s3:Get*`, `*:List*`, `*`) matches, narrowed before any
//! glob is tried: a literal service prefix is looked up, the literal start of a name bounds
//! the run of the service's sorted actions to try, and an action shorter than the
//! characters the pattern needs is skipped. A long or odd pattern (a pasted ARN in `Action`)
//! so costs a few comparisons, not a glob against each of the reference's 18,000 actions.

use super::{cmp_ignoring_case, ActionRef, Reference, ServiceRef};
use crate::wildcard::{glob, has_wildcard, Case};
use std::cmp::Ordering;

impl Reference {
    /// The actions an `Action` pattern (`s3:Get*`, `*:List*`, `*`) matches, service by
    /// service, each service's by name.
    pub fn actions_matching(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        self.matching(pattern).collect()
    }

    /// Whether an `Action` pattern matches any action (stops at the first).
    pub fn any_action_matches(&self, pattern: &str) -> bool {
        self.matching(pattern).next().is_some()
    }

    fn matching<'a, 'p>(
        &'a self,
        pattern: &'p str,
    ) -> impl Iterator<Item = ActionRef<'a>> + use<'a, 'p> {
        let (prefix, name) = match pattern.split_once(':') {
            Some(parts) => parts,
            None if pattern == "*" => ("*", "*"),
            None => ("", ""),
        };
        let services: Vec<ServiceRef<'a>> = if prefix.is_empty() {
            Vec::new()
        } else if !has_wildcard(prefix) {
            self.service(prefix).into_iter().collect()
        } else {
            self.services()
                .filter(|s| glob(prefix, s.prefix(), Case::Insensitive))
                .collect()
        };
        let shape = Shape::of(name);
        services
            .into_iter()
            .flat_map(move |s| shape.candidates(s))
            .filter(move |a| shape.admits(a.name()) && glob(name, a.name(), Case::Insensitive))
    }
}

/// What a name pattern tells before it is matched.
#[derive(Clone, Copy)]
struct Shape<'p> {
    /// The bytes before its first wildcard.
    literal_start: &'p str,
    /// The characters a match needs (every character but `*`).
    needs: usize,
    /// Whether it has a `*` (else a match has exactly `needs` characters).
    open: bool,
}

impl<'p> Shape<'p> {
    fn of(name: &'p str) -> Shape<'p> {
        let literal_end = name.find(['*', '?']).unwrap_or(name.len());
        Shape {
            literal_start: &name[..literal_end],
            needs: name.chars().filter(|&c| c != '*').count(),
            open: name.contains('*'),
        }
    }

    /// The service's actions whose name starts with the literal start, ignoring case.
    fn candidates<'a>(
        self,
        service: ServiceRef<'a>,
    ) -> impl Iterator<Item = ActionRef<'a>> + use<'a, 'p> {
        let start = self.literal_start;
        let (reference, service) = (service.reference, service.service);
        let first = service
            .actions
            .partition_point(|a| cmp_ignoring_case(&a.name, start) == Ordering::Less);
        service
            .actions
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |a| {
                a.name
                    .as_bytes()
                    .get(..start.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(start.as_bytes()))
            })
            .map(move |action| ActionRef {
                reference,
                service,
                action,
            })
    }

    /// Whether a name has as many characters as a match needs: at least (its byte count,
    /// never below its character count, tells without decoding), or exactly without `*`.
    fn admits(self, name: &str) -> bool {
        if self.open {
            name.len() >= self.needs
        } else {
            name.chars().count() == self.needs
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::reference;
    use crate::wildcard::{glob, Case};

    /// Every action whose qualified name the pattern matches, one glob each.
    fn every_match(pattern: &str) -> Vec<String> {
        let (prefix, name) = pattern.split_once(':').unwrap_or(("*", "*"));
        reference()
            .services()
            .filter(|s| glob(prefix, s.prefix(), Case::Insensitive))
            .flat_map(|s| s.actions())
            .filter(|a| glob(name, a.name(), Case::Insensitive))
            .map(|a| a.qualified_name())
            .collect()
    }

    #[test]
    fn narrowing_finds_what_a_glob_of_every_action_finds() {
        for pattern in [
            "*",
            "s3:*",
            "S3:get*",
            "s3:GetObject",
            "s3:getobjec?",
            "s3:Get*Acl",
            "*:List*",
            "s?:Get*",
            "secretsmanager:*Secret*",
            "dynamodb:?etItem",
            "lambda:Invoke*",
            "sts:AssumeRole",
            "s3:*Object*Tag*",
            "s3:GetObject*",
            "s3:",
            "ec2:Describe????",
            "states:Start*Execution",
            "s3:Get*objectAcl",
            "nope:Get*",
            "s3:Zzz*",
        ] {
            let narrowed: Vec<String> = reference()
                .actions_matching(pattern)
                .iter()
                .map(|a| a.qualified_name())
                .collect();
            assert_eq!(narrowed, every_match(pattern), "{pattern}");
            assert_eq!(
                reference().any_action_matches(pattern),
                !narrowed.is_empty()
            );
        }
        assert!(reference().actions_matching("s3").is_empty());
        assert!(!reference().actions_matching("*").is_empty());
    }
}
