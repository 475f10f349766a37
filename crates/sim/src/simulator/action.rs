//! Reading the question's action: `service:Action`, one action (no wildcard).

use super::error::SimulateError;

/// The action `text` names, as written.
pub(super) fn read(text: &str) -> Result<&str, SimulateError> {
    let well_formed = text.split_once(':').is_some_and(|(service, name)| {
        !service.is_empty()
            && !name.is_empty()
            && service
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && name.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    match well_formed {
        true => Ok(text),
        false => Err(SimulateError::NotAnAction(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_action_written_service_colon_name() {
        for good in [
            "sts:AssumeRole",
            "states:StartSyncExecution",
            "ec2-instance-connect:SendSSHPublicKey",
        ] {
            assert_eq!(read(good), Ok(good));
        }
        for bad in [
            "",
            "sts",
            "sts:",
            ":AssumeRole",
            "sts:Assume*",
            "sts AssumeRole",
            "sts:Assume:Role",
        ] {
            assert_eq!(
                read(bad),
                Err(SimulateError::NotAnAction(bad.into())),
                "{bad}"
            );
        }
    }
}
