//! ARNs: splitting them, and building the ARNs of the scenario's resources as AWS forms them.

/// The fields of `arn:partition:service:region:account:resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits an ARN; `None` when the text is not one.
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        let mut it = text.splitn(6, ':');
        if it.next()? != "arn" {
            return None;
        }
        let arn = Arn {
            partition: it.next()?,
            service: it.next()?,
            region: it.next()?,
            account: it.next()?,
            resource: it.next()?,
        };
        (!arn.partition.is_empty() && !arn.service.is_empty()).then_some(arn)
    }

    /// The resource part after `kind` and its separator (`/` or `:`), e.g. the name in
    /// `role/NAME` or `stateMachine:NAME`.
    pub fn resource_named(&self, kind: &str) -> Option<&'a str> {
        let rest = self.resource.strip_prefix(kind)?;
        rest.strip_prefix('/')
            .or_else(|| rest.strip_prefix(':'))
            .filter(|n| !n.is_empty())
    }
}

/// Whether `account` is a 12-digit AWS account id.
pub fn is_account_id(account: &str) -> bool {
    account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
}

/// `arn:aws:iam::ACCOUNT:role/NAME`.
pub fn role(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

/// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
pub fn assumed_role(account: &str, role: &str, session: &str) -> String {
    format!("arn:aws:sts::{account}:assumed-role/{role}/{session}")
}

/// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`.
pub fn state_machine(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:states:{region}:{account}:stateMachine:{name}")
}

/// `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME` (a name that starts with `/` keeps it once).
pub fn parameter(region: &str, account: &str, name: &str) -> String {
    let name = name.strip_prefix('/').unwrap_or(name);
    format!("arn:aws:ssm:{region}:{account}:parameter/{name}")
}

/// `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX`, with the six characters AWS
/// appends derived from the name (so that they are stable).
pub fn secret(region: &str, account: &str, name: &str) -> String {
    format!(
        "arn:aws:secretsmanager:{region}:{account}:secret:{name}-{}",
        suffix(name)
    )
}

/// The name of the secret that ARN `id` (of `account`) names by `written`, the part after
/// `secret:`: without the six characters AWS appends when `id` is the secret's full ARN in
/// `region`, as written otherwise (a partial ARN).
pub fn secret_name<'a>(region: &str, account: &str, id: &str, written: &'a str) -> &'a str {
    written
        .rsplit_once('-')
        .filter(|(base, _)| secret(region, account, base) == id)
        .map_or(written, |(base, _)| base)
}

/// `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`.
pub fn table(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:dynamodb:{region}:{account}:table/{name}")
}

/// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`.
pub fn function(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:lambda:{region}:{account}:function:{name}")
}

/// `arn:aws:sqs:REGION:ACCOUNT:NAME`.
pub fn queue(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:sqs:{region}:{account}:{name}")
}

/// `arn:aws:sns:REGION:ACCOUNT:NAME`.
pub fn topic(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:sns:{region}:{account}:{name}")
}

/// `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.
pub fn kms_key(region: &str, account: &str, key_id: &str) -> String {
    format!("arn:aws:kms:{region}:{account}:key/{key_id}")
}

/// `arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH` (the path without its
/// leading `/`), what `execute-api:Invoke` is asked on.
pub fn execute_api(
    region: &str,
    account: &str,
    api_id: &str,
    stage: &str,
    method: &str,
    path: &str,
) -> String {
    format!(
        "arn:aws:execute-api:{region}:{account}:{api_id}/{stage}/{method}/{}",
        path.trim_start_matches('/')
    )
}

/// `arn:aws:s3:::BUCKET`.
pub fn bucket(name: &str) -> String {
    format!("arn:aws:s3:::{name}")
}

/// `arn:aws:s3:::BUCKET/KEY`.
pub fn object(bucket: &str, key: &str) -> String {
    format!("arn:aws:s3:::{bucket}/{key}")
}

/// Six letters and digits derived from `name`.
fn suffix(name: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| {
            let index = ((hash >> (i * 8)) % ALPHABET.len() as u64) as usize;
            ALPHABET.get(index).map_or('A', |b| char::from(*b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_builds() {
        let arn = Arn::parse("arn:aws:states:us-east-1:111111111111:stateMachine:M").unwrap();
        assert_eq!(arn.account, "111111111111");
        assert_eq!(arn.resource_named("stateMachine"), Some("M"));
        assert!(Arn::parse("not-an-arn").is_none());
        assert_eq!(
            parameter("us-east-1", "1", "/a/b"),
            "arn:aws:ssm:us-east-1:1:parameter/a/b"
        );
        assert_eq!(secret("r", "1", "s"), secret("r", "1", "s"));
        let full = secret("r", "1", "my-secret");
        let written = full.rsplit(':').next().unwrap();
        assert_eq!(secret_name("r", "1", &full, written), "my-secret");
        let partial = "arn:aws:secretsmanager:r:1:secret:my-secret";
        assert_eq!(secret_name("r", "1", partial, "my-secret"), "my-secret");
    }
}
