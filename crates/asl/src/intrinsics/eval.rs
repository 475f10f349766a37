//! Evaluates a parsed [`Call`]: resolves its arguments, checks their kinds and applies the
//! function. A result over the payload limit fails with States.DataLimitExceeded; the
//! functions that gather their arguments (`States.Format`, `States.Array`) stop there.

use std::borrow::Cow;

use serde_json::Value;

use super::function::Function;
use super::{array, encoding, format, json, math, string, uuid};
use super::{Arg, Call};
use crate::exec::MAX_PAYLOAD_BYTES;
use crate::failure::{names, Failure};
use crate::size::Room;
use seeded::Rng;

/// What evaluation needs besides the call: the path resolver (which lends a value of the
/// input rather than copying it) and the random numbers.
pub struct Context<'r, 'v, P> {
    pub resolve: &'r mut dyn FnMut(&P) -> Result<Cow<'v, Value>, Failure>,
    pub rng: &'r mut Rng,
}

fn failure(cause: String) -> Failure {
    Failure::new(names::INTRINSIC_FAILURE, cause)
}

/// States.DataLimitExceeded for a result of `function` over the payload limit.
fn too_large(function: Function) -> Failure {
    Failure::new(
        names::DATA_LIMIT_EXCEEDED,
        format!("The result of {function} exceeds the maximum number of bytes service limit"),
    )
}

/// The value of `arg`: borrowed for a literal and for a path into the input, computed for
/// other paths and for a nested call.
fn value_of<'x, 'a: 'x, 'v: 'x, P>(
    arg: &'a Arg<P>,
    cx: &mut Context<'_, 'v, P>,
) -> Result<Cow<'x, Value>, Failure> {
    match arg {
        Arg::Literal(value) => Ok(Cow::Borrowed(value)),
        Arg::Path(path) => (cx.resolve)(path),
        Arg::Call(call) => evaluate(call, cx).map(Cow::Owned),
    }
}

/// The argument at `index`, checked against the kind the function requires there.
fn argument<'x, 'a: 'x, 'v: 'x, P>(
    call: &'a Call<P>,
    index: usize,
    cx: &mut Context<'_, 'v, P>,
) -> Result<Cow<'x, Value>, Failure> {
    let arg = call.args.get(index).ok_or_else(|| {
        failure(format!(
            "{} takes {} argument(s), but {} were given",
            call.function,
            call.function.arity(),
            call.args.len()
        ))
    })?;
    let value = value_of(arg, cx)?;
    let expected = call.function.parameter(index);
    if expected.accepts(&value) {
        Ok(value)
    } else {
        Err(failure(format!(
            "The argument {} of {} must be {expected}, but got {}",
            index + 1,
            call.function,
            kind_of(&value)
        )))
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a JSON object",
    }
}

fn into_string(value: Cow<'_, Value>) -> Cow<'_, str> {
    match value {
        Cow::Borrowed(Value::String(s)) => Cow::Borrowed(s.as_str()),
        Cow::Owned(Value::String(s)) => Cow::Owned(s),
        _ => Cow::Borrowed(""),
    }
}

fn into_array(value: Cow<'_, Value>) -> Vec<Value> {
    match value.into_owned() {
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

fn into_object(value: Cow<'_, Value>) -> serde_json::Map<String, Value> {
    match value.into_owned() {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

/// Evaluates `call` (arguments left to right) to its JSON result.
pub fn evaluate<'v, P>(call: &Call<P>, cx: &mut Context<'_, 'v, P>) -> Result<Value, Failure> {
    let function = call.function;
    if !function.arity().accepts(call.args.len()) {
        return Err(failure(format!(
            "{function} takes {} argument(s), but {} were given",
            function.arity(),
            call.args.len()
        )));
    }
    let arg = |index: usize, cx: &mut Context<'_, 'v, P>| argument(call, index, cx);
    let result = match function {
        Function::Format => return format(call, cx),
        Function::Array => {
            let mut items = Vec::with_capacity(call.args.len());
            let mut room = Room::payload();
            for index in 0..call.args.len() {
                let item = arg(index, cx)?;
                if !room.take(&item, 1) {
                    return Err(too_large(function));
                }
                items.push(item.into_owned());
            }
            return Ok(Value::Array(items));
        }
        Function::StringToJson => json::string_to_json(&into_string(arg(0, cx)?)),
        Function::JsonToString => Ok(json::json_to_string(&*arg(0, cx)?)),
        Function::ArrayPartition => {
            let items = into_array(arg(0, cx)?);
            array::partition(items, &*arg(1, cx)?)
        }
        Function::ArrayContains => {
            let items = arg(0, cx)?;
            let value = arg(1, cx)?;
            Ok(array::contains(
                items.as_array().map_or(&[], Vec::as_slice),
                &value,
            ))
        }
        Function::ArrayRange => {
            let (first, last) = (arg(0, cx)?, arg(1, cx)?);
            array::range(&first, &last, &*arg(2, cx)?)
        }
        Function::ArrayGetItem => {
            let items = arg(0, cx)?;
            array::get_item(items.as_array().map_or(&[], Vec::as_slice), &*arg(1, cx)?)
        }
        Function::ArrayLength => Ok(array::length(
            arg(0, cx)?.as_array().map_or(&[], Vec::as_slice),
        )),
        Function::ArrayUnique => Ok(array::unique(into_array(arg(0, cx)?))),
        Function::Base64Encode => encoding::base64_encode(&into_string(arg(0, cx)?)),
        Function::Base64Decode => encoding::base64_decode(&into_string(arg(0, cx)?)),
        Function::Hash => {
            let data = into_string(arg(0, cx)?);
            encoding::hash(&data, &into_string(arg(1, cx)?))
        }
        Function::JsonMerge => {
            let (left, right) = (into_object(arg(0, cx)?), into_object(arg(1, cx)?));
            arg(2, cx)?;
            Ok(json::merge(left, right))
        }
        Function::MathRandom => {
            let (start, end) = (arg(0, cx)?, arg(1, cx)?);
            let seed = match call.args.len() {
                3 => Some(arg(2, cx)?),
                _ => None,
            };
            math::random(&start, &end, seed.as_deref(), cx.rng)
        }
        Function::MathAdd => {
            let a = arg(0, cx)?;
            math::add(&a, &*arg(1, cx)?)
        }
        Function::StringSplit => {
            let text = into_string(arg(0, cx)?);
            Ok(string::split(&text, &into_string(arg(1, cx)?)))
        }
        Function::Uuid => Ok(uuid::uuid(cx.rng)),
    };
    let value = result.map_err(failure)?;
    if crate::limits::fits(&value, MAX_PAYLOAD_BYTES) {
        Ok(value)
    } else {
        Err(too_large(function))
    }
}

/// `States.Format(template, values...)`, writing each value as it is evaluated.
fn format<P>(call: &Call<P>, cx: &mut Context<'_, '_, P>) -> Result<Value, Failure> {
    // A literal template (the usual one) is a string: the parser checked it.
    let (template, escapes) = match call.args.first() {
        Some(Arg::Literal(Value::String(template))) => (Cow::Borrowed(template.as_str()), true),
        first => (
            into_string(argument(call, 0, cx)?),
            matches!(first, Some(Arg::Literal(_))),
        ),
    };
    let values = call.args.get(1..).unwrap_or(&[]);
    // A literal template's placeholders were counted as it was parsed.
    let placeholders = match escapes {
        true => values.len(),
        false => format::count_placeholders(&template, false),
    };
    if placeholders != values.len() {
        return Err(failure(format!(
            "The template of States.Format has {placeholders} placeholder(s), but {} value(s) were given",
            values.len()
        )));
    }
    let mut out = String::with_capacity(template.len() + 8 * values.len());
    let mut next = values.iter();
    format::each_piece(&template, escapes, |piece| {
        match piece {
            Some(text) => out.push_str(text),
            None => {
                if let Some(arg) = next.next() {
                    format::write_value(&mut out, &*value_of(arg, cx)?);
                }
            }
        }
        match out.len() + 2 > MAX_PAYLOAD_BYTES {
            true => Err(too_large(Function::Format)),
            false => Ok(()),
        }
    })?;
    Ok(Value::String(out))
}
