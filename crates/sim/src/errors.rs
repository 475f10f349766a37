//! Service errors, and the names a Task sees them under: `SecretsManager.ResourceNotFoundException`
//! for AWS SDK integrations, `DynamoDB.…`/`Lambda.AWSLambdaException` for optimized ones.

use crate::integration::{Service, Style};
use asl::Failure;

/// An error a simulated API returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub service: Service,
    /// The error code as the service returns it (`ResourceNotFoundException`,
    /// `ParameterNotFound`, `AccessDenied` …).
    pub code: String,
    pub message: String,
    /// HTTP status.
    pub status: u16,
    /// Whether IAM denied the call.
    pub access_denied: bool,
}

impl ApiError {
    /// A service error (status 400).
    pub fn new(service: Service, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            service,
            code: code.to_string(),
            message: message.into(),
            status: 400,
            access_denied: false,
        }
    }

    /// A `ValidationException`-class error for a malformed request.
    pub fn validation(service: Service, message: impl Into<String>) -> ApiError {
        let code = match service {
            Service::Sns | Service::Sqs | Service::S3 => "InvalidParameterException",
            Service::StepFunctions => "InvalidArn",
            _ => "ValidationException",
        };
        ApiError::new(service, code, message)
    }

    /// An IAM denial, worded as AWS words it.
    pub fn access_denied(service: Service, message: String) -> ApiError {
        let code = match service {
            Service::ApiGateway => "403",
            Service::Sts | Service::S3 => "AccessDenied",
            Service::Sns => "AuthorizationError",
            _ => "AccessDeniedException",
        };
        ApiError {
            service,
            code: code.to_string(),
            message,
            status: 403,
            access_denied: true,
        }
    }

    /// An API Gateway answer with an HTTP error `status` and its body (`ApiGateway.403`
    /// …, the body as the cause).
    pub fn http(status: u16, body: &serde_json::Value) -> ApiError {
        ApiError {
            service: Service::ApiGateway,
            code: status.to_string(),
            message: body.to_string(),
            status,
            access_denied: false,
        }
    }

    /// The error name a Retry or Catch matches, for a Task calling in `style`.
    pub fn error_name(&self) -> String {
        if self.service == Service::ApiGateway {
            // "Call API Gateway with Step Functions": `ApiGateway.<HTTP Status Code>`, or
            // `ApiGateway.<Exception>` when there is no status.
            return format!("ApiGateway.{}", self.code);
        }
        let suffixed = if self.code.ends_with("Exception") {
            self.code.clone()
        } else {
            format!("{}Exception", self.code)
        };
        match (self.service.sdk_name(), self.access_denied) {
            (_, true) => match self.service {
                Service::Sns => "Sns.AuthorizationErrorException".into(),
                s => format!("{0}.{0}Exception", s.sdk_name()),
            },
            (prefix, false) => format!("{prefix}.{suffixed}"),
        }
    }

    /// The failure a Task sees.
    pub fn failure(&self, style: Style, request_id: &str) -> Failure {
        let error = match style {
            _ if self.service == Service::ApiGateway => self.error_name(),
            Style::Sdk => self.error_name(),
            Style::Optimized | Style::LambdaArn if self.access_denied => {
                self.service.optimized_denied()
            }
            Style::Optimized | Style::LambdaArn => {
                let code = if self.code.ends_with("Exception") {
                    self.code.clone()
                } else {
                    format!("{}Exception", self.code)
                };
                format!("{}.{code}", self.service.optimized_name())
            }
        };
        Failure::new(error, self.cause(request_id))
    }

    /// `MESSAGE (Service: X, Status Code: N, Error Code: CODE, Request ID: ID)`.
    /// API Gateway's cause is the response body alone.
    pub fn cause(&self, request_id: &str) -> String {
        if self.service == Service::ApiGateway {
            return self.message.clone();
        }
        format!(
            "{} (Service: {}, Status Code: {}, Error Code: {}, Request ID: {request_id})",
            self.message,
            self.service.sdk_name(),
            self.status,
            self.code
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_errors_as_step_functions_does() {
        let e = ApiError::new(Service::SecretsManager, "ResourceNotFoundException", "x");
        assert_eq!(e.error_name(), "SecretsManager.ResourceNotFoundException");
        let e = ApiError::new(Service::Ssm, "ParameterNotFound", "x");
        assert_eq!(e.error_name(), "Ssm.ParameterNotFoundException");
        let d = ApiError::access_denied(Service::StepFunctions, "no".into());
        assert_eq!(d.error_name(), "Sfn.SfnException");
        assert_eq!(
            d.failure(Style::Optimized, "r").error,
            "StepFunctions.AWSStepFunctionsException"
        );
        let e = ApiError::new(Service::DynamoDb, "ResourceNotFoundException", "x");
        assert_eq!(
            e.failure(Style::Optimized, "r").error,
            "DynamoDB.ResourceNotFoundException"
        );
    }
}
