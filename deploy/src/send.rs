//! Sending user actions (not `--dry-run`).

use anyhow::{bail, Result};

use crate::{
    actions::{Call, Target},
    cli::Common,
};

/// Sends the calls (or `eth_call`s the views).
pub fn run(_common: &Common, _target: &Target, _calls: &[Call]) -> Result<()> {
    bail!("sending is not yet implemented; use --dry-run")
}
