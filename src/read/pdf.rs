//! PDF → [`Read`](super::Read). Not built yet: a page is refused with one line.

use super::{Problem, Read};
use crate::diag::Diagnostics;

pub fn read(_bytes: &[u8], _diags: &mut Diagnostics) -> Result<Read, Problem> {
    Err(Problem::new("PDF is not read yet"))
}
