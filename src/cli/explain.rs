//! `orderlab explain` (not built yet).

use crate::CliError;

#[derive(clap::Args, Debug, Default)]
pub struct Args {}

pub fn main(_args: Args) -> Result<u8, CliError> {
    Err(CliError::bad_input("`orderlab explain` is not built yet"))
}
