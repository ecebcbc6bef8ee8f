//! Numbers as the drawings write them.

use std::fmt;

/// A float written as `format!("{x:.1}")` writes it, byte for byte: one decimal, rounded half to
/// even on the float's exact value, a minus sign kept on a negative value that rounds to zero.
///
/// The standard library rounds exactly too, but near a tie (a coordinate such as 12.25 or
/// 3.05) its fast method gives up and it falls back to Dragon4, arithmetic on big numbers: a
/// corpus's viewer page writes millions of coordinates, and formatting them was a quarter of
/// the page's instructions (1,640 a number). Here a float below 2^50 is rounded in integer
/// arithmetic on its mantissa; any other goes to the standard library. For `{}` alone (no width
/// or flags).
#[derive(Debug, Clone, Copy)]
pub struct Fixed1(pub f64);

impl fmt::Display for Fixed1 {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write_tenths(f, self.0)
    }
}

/// `format!("{x:.1}")`, made as [`Fixed1`] writes it, without the formatting machinery: a
/// drawing writes one for each edge's width.
pub fn fixed1(x: f64) -> String {
    let mut out = String::with_capacity(8);
    // (a `String` takes every write: there is no error to pass on)
    let _ = write_tenths(&mut out, x);
    out
}

/// `x` with one decimal, as [`Fixed1`] describes, written piece by piece into `out`.
fn write_tenths(out: &mut impl fmt::Write, x: f64) -> fmt::Result {
    match rounded(x, 10) {
        Some(t) => {
            out.write_str(sign(x))?;
            out.write_str(itoa::Buffer::new().format(t / 10))?;
            out.write_char('.')?;
            out.write_char(char::from(b'0' + (t % 10) as u8))
        }
        None => write!(out, "{x:.1}"),
    }
}

/// `format!("{x:.0}")` (rounded half to even on `x`'s exact value, as [`Fixed1`] is), without
/// the formatting machinery: a drawing writes one for each node's font size.
pub fn fixed0(x: f64) -> String {
    match rounded(x, 1) {
        Some(u) => [sign(x), itoa::Buffer::new().format(u)].concat(),
        None => format!("{x:.0}"),
    }
}

/// The sign the standard library writes before a rounded `x`: `-` for any negative, also one
/// that rounds to zero.
fn sign(x: f64) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else {
        ""
    }
}

/// `|x| × scale` (10 for tenths, 1 for units), rounded half to even on its exact value, for a
/// finite `x` below 2^50; else None.
fn rounded(x: f64, scale: u64) -> Option<u64> {
    if !x.is_finite() || x.abs() >= (1u64 << 50) as f64 {
        return None;
    }
    let bits = x.to_bits();
    let biased = (bits >> 52) & 0x7ff;
    let fraction = bits & ((1 << 52) - 1);
    // |x| = m × 2^-k (a normal number has the implicit bit; below 2^50, k is at least 3)
    let (m, k) = if biased == 0 {
        (fraction, 1074)
    } else {
        (fraction | (1 << 52), 1075u64.checked_sub(biased)?)
    };
    let n = u128::from(m) * u128::from(scale);
    if k >= 64 {
        // n < 2^57 (scale at most 10), under half of 2^k: rounds to zero
        return Some(0);
    }
    if k == 0 {
        return u64::try_from(n).ok();
    }
    let q = n >> k;
    let r = n & ((1u128 << k) - 1);
    let half = 1u128 << (k - 1);
    let q = if r > half || (r == half && q & 1 == 1) {
        q + 1
    } else {
        q
    };
    u64::try_from(q).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(x: f64) {
        assert_eq!(Fixed1(x).to_string(), format!("{x:.1}"), "{x:e}");
        assert_eq!(fixed1(x), format!("{x:.1}"), "{x:e}");
        assert_eq!(fixed0(x), format!("{x:.0}"), "{x:e}");
    }

    #[test]
    fn writes_what_the_standard_library_writes() {
        let specials = [
            0.0,
            -0.0,
            0.05,
            -0.05,
            0.049_999_999_999_999_996,
            0.15,
            0.25,
            0.35,
            0.45,
            0.75,
            0.95,
            9.95,
            99.95,
            1.25,
            -1.25,
            2.5,
            -0.01,
            1e-300,
            -1e-310,
            f64::MIN_POSITIVE,
            5e-324,
            123_456.75,
            (1u64 << 50) as f64 - 0.25,
            (1u64 << 50) as f64,
            1e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for x in specials {
            same(x);
        }
        // every tie and near tie a drawing's arithmetic makes
        for i in -20_000..20_000 {
            let x = f64::from(i) * 0.05;
            same(x);
            same(f64::from(i) * 0.5);
            same(x + 1e-12);
            same(f64::from(i) * 0.025);
            same(f64::from(i) / 3.0);
        }
    }

    proptest! {
        #[test]
        fn any_float(bits in any::<u64>()) {
            same(f64::from_bits(bits));
        }

        #[test]
        fn any_coordinate(x in -1e7f64..1e7) {
            same(x);
        }
    }
}
