//! The names an execution carries (its ARN and name, the state machine's ARN, name and
//! region, the role's ARN), shared: built once for the options they come from and reused
//! by every later execution with the same options, so a short execution allocates none of
//! them.

use super::Options;
use std::cell::RefCell;
use std::rc::Rc;

/// An execution's names, as its context object and events carry them.
#[derive(Clone)]
pub(super) struct Names {
    /// The execution's ARN.
    pub execution_arn: Rc<str>,
    /// The execution's name.
    pub name: Rc<str>,
    /// The state machine's ARN.
    pub state_machine_arn: Rc<str>,
    /// The state machine's name, from its ARN.
    pub state_machine_name: Rc<str>,
    /// The region, from the state machine's ARN.
    pub region: Rc<str>,
    /// The execution role's ARN.
    pub role_arn: Rc<str>,
    /// Whether the execution's ARN was given (`Options::execution_arn`) or made.
    given_arn: bool,
}

impl Names {
    /// The names of an execution run with `options`.
    fn of(options: &Options) -> Names {
        let (machine_name, region, _) = super::arn_parts(&options.state_machine_arn);
        Names {
            execution_arn: options.arn_of_execution().into(),
            name: options.execution_name.as_str().into(),
            state_machine_arn: options.state_machine_arn.as_str().into(),
            state_machine_name: machine_name.into(),
            region: region.into(),
            role_arn: options.role_arn.as_str().into(),
            given_arn: options.execution_arn.is_some(),
        }
    }

    /// Whether these are the names of an execution run with `options`.
    fn are_of(&self, options: &Options) -> bool {
        let arn_matches = match &options.execution_arn {
            Some(arn) => self.given_arn && **arn == *self.execution_arn,
            None => !self.given_arn,
        };
        arn_matches
            && *options.execution_name == *self.name
            && *options.state_machine_arn == *self.state_machine_arn
            && *options.role_arn == *self.role_arn
    }
}

thread_local! {
    /// The names made last.
    static LAST: RefCell<Option<Names>> = const { RefCell::new(None) };
}

/// The names of an execution run with `options`: those of the last execution when its
/// options named it the same, else new ones (then remembered).
pub(super) fn names_of(options: &Options) -> Names {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some(names) if names.are_of(options) => names.clone(),
            _ => {
                let names = Names::of(options);
                *last = Some(names.clone());
                names
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(name: &str, arn: Option<&str>) -> Options {
        Options {
            execution_name: name.into(),
            execution_arn: arn.map(str::to_string),
            state_machine_arn: "arn:aws:states:eu-west-1:222222222222:stateMachine:Worker".into(),
            ..Options::default()
        }
    }

    #[test]
    fn the_same_options_share_their_names_and_others_get_their_own() {
        let first = names_of(&options("run-1", None));
        assert_eq!(
            &*first.execution_arn,
            "arn:aws:states:eu-west-1:222222222222:execution:Worker:run-1"
        );
        assert_eq!(
            (&*first.region, &*first.state_machine_name),
            ("eu-west-1", "Worker")
        );
        let again = names_of(&options("run-1", None));
        assert!(Rc::ptr_eq(&first.execution_arn, &again.execution_arn));

        let made = "arn:aws:states:eu-west-1:222222222222:execution:Worker:run-2";
        let given = "arn:aws:states:eu-west-1:222222222222:execution:Worker:given";
        assert_eq!(
            &*names_of(&options("run-2", Some(given))).execution_arn,
            given
        );
        assert_eq!(&*names_of(&options("run-2", None)).execution_arn, made);
        let role = Options {
            role_arn: "arn:aws:iam::222222222222:role/Other".into(),
            ..options("run-2", None)
        };
        let names = names_of(&role);
        assert_eq!(&*names.role_arn, "arn:aws:iam::222222222222:role/Other");
        assert_eq!((&*names.name, &*names.execution_arn), ("run-2", made));
    }
}
