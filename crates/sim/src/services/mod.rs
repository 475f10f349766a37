//! The simulated APIs, with AWS's request and response shapes and error codes. Each call
//! goes through the gateway; a service that starts executions asks the driver through
//! [`Executions`].

mod api_integration;
mod apigateway;
mod dispatch;
mod dynamodb;
mod executions;
mod expression;
mod kms;
mod lambda;
mod managed_rule;
mod params;
mod reply;
mod s3;
mod secrets;
mod sfn;
mod sqs_sns;
mod ssm;
mod sts;

pub(crate) use dispatch::call;
pub(crate) use executions::{Executions, Start};
pub(crate) use s3::{
    bucket_account, list as s3_list, read as s3_read, write as s3_write, Caller as S3Caller,
};
pub(crate) use sts::{assume, assume_by, By};
