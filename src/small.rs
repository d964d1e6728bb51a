//! Stand-ins for standard routines that cost the wasm bundle far more than this crate needs.
//!
//! * [`parse_f64`]: `str::parse::<f64>` links Rust's float parser and its power-of-five tables
//!   (~10 KB gzipped). In the browser the same correctly rounded result comes from JavaScript's
//!   `parseFloat`, once the text is checked against Rust's float grammar.
//! * [`number_to_string`]: `serde_json::Number`'s `Display` formats floats with a table-driven
//!   algorithm (~2 KB gzipped). In the browser JavaScript's `Number.prototype.toString` finds the
//!   same shortest round-trip digits, which are then laid out as `serde_json` does.
//! * [`sort_by_key`]: the standard stable sort is a few KB of wasm per element type.

/// `text.parse::<f64>().ok()`: the same texts are accepted (Rust's grammar: an optional sign, then
/// `inf`, `infinity`, `nan` in any case, or decimal digits with an optional `.` fraction and `e`
/// exponent; no whitespace) and the same values returned.
pub fn parse_f64(text: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let special = if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
            f64::INFINITY
        } else if unsigned.eq_ignore_ascii_case("nan") {
            f64::NAN
        } else if is_decimal(unsigned) {
            // `parseFloat` reads the same grammar (and rounds correctly).
            return Some(js_sys::parse_float(text));
        } else {
            return None;
        };
        Some(if text.starts_with('-') { -special } else { special })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse().ok()
    }
}

/// `number.to_string()`, the text `serde_json` writes for a JSON number: integers as such, floats
/// with their shortest round-trip digits, as `12.0`, `0.001` or `1.5e+20` (exponent form below
/// 1e-5 and from 1e16).
pub fn number_to_string(number: &serde_json::Number) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(n) = number.as_u64() {
            return n.to_string();
        }
        if let Some(n) = number.as_i64() {
            return n.to_string();
        }
        let f = number.as_f64().unwrap_or_default();
        if f == 0.0 {
            // JavaScript writes -0 as "0".
            return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
        }
        let js = js_sys::Number::from(f)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        layout_shortest(&js)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        number.to_string()
    }
}

/// Lays out the digits of a non-zero finite float written by JavaScript's `Number.prototype
/// .toString` (`123`, `0.00123`, `1.5e-7`, `1e+21`, with an optional `-`) as `serde_json` does.
#[cfg(any(target_arch = "wasm32", test))]
fn layout_shortest(js: &str) -> String {
    // The significant digits, and the value's decimal exponent as D.DDD × 10^e.
    let (mut digits, mut e, mut seen_point) = (String::new(), -1i32, false);
    let (mut negative, mut exponent, mut exponent_negative, mut in_exponent) = (false, 0i32, false, false);
    for b in js.bytes() {
        match b {
            b'-' if in_exponent => exponent_negative = true,
            b'-' => negative = true,
            b'e' | b'E' => in_exponent = true,
            b'.' => seen_point = true,
            b'0'..=b'9' if in_exponent => exponent = exponent * 10 + i32::from(b - b'0'),
            b'0' if digits.is_empty() => e -= i32::from(seen_point),
            b'0'..=b'9' => {
                digits.push(char::from(b));
                e += i32::from(!seen_point);
            }
            _ => {}
        }
    }
    let digits = digits.trim_end_matches('0');
    let n = digits.len() as i32;
    e += if exponent_negative { -exponent } else { exponent };
    let mut out = String::from(if negative { "-" } else { "" });
    if (-5..=15).contains(&e) {
        if n - 1 <= e {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', (e - (n - 1)) as usize));
            out.push_str(".0");
        } else if e >= 0 {
            let (int, frac) = digits.split_at(e as usize + 1);
            out.push_str(int);
            out.push('.');
            out.push_str(frac);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-e - 1) as usize));
            out.push_str(digits);
        }
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push_str(if e < 0 { "e-" } else { "e+" });
        out.push_str(&e.unsigned_abs().to_string());
    }
    out
}

/// Digits with an optional fraction (at least one digit in all) and an optional exponent:
/// `12`, `1.`, `.5`, `1.5e-3`, `2E+9`.
#[cfg(any(target_arch = "wasm32", test))]
fn is_decimal(text: &str) -> bool {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let int = digits(text);
    let mut rest = &text[int..];
    let mut frac = 0;
    if let Some(after) = rest.strip_prefix('.') {
        frac = digits(after);
        rest = &after[frac..];
    }
    if int + frac == 0 {
        return false;
    }
    match rest.strip_prefix(['e', 'E']) {
        None => rest.is_empty(),
        Some(exp) => {
            let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            !exp.is_empty() && digits(exp) == exp.len()
        }
    }
}

/// A stable sort by `key`, like `items.sort_by_key(key)`: a heapsort of `(key, position)` pairs
/// (O(n log n), no quadratic worst case), then the items are moved into that order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let mut order: Vec<(K, usize)> = items.iter().enumerate().map(|(i, item)| (key(item), i)).collect();
    heapsort(&mut order);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|(_, i)| slots[*i].take()));
}

fn heapsort<E: Ord>(v: &mut [E]) {
    fn sift_down<E: Ord>(v: &mut [E], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= v.len() {
                return;
            }
            if child + 1 < v.len() && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift_down(v, i);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_grammar_is_rusts() {
        let texts = [
            "0", "12", "1.", ".5", "1.5", "1e5", "1E5", "1e+5", "1e-5", ".5e1", "1.e1", "", ".", "e5", "1e", "1e+",
            "1.5.2", "1ee5", " 1", "1 ", "0x10", "1_000", "١", "+", "-", "1e5.5", "..5",
        ];
        // Every text of up to five characters over an alphabet covering the grammar, and some more.
        let alphabet = ['0', '7', '.', 'e', 'E', '+', '-', 'n', ' '];
        let mut all: Vec<String> = vec![String::new()];
        let mut level = all.clone();
        for _ in 0..5 {
            level = level
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            all.extend(level.iter().cloned());
        }
        for text in texts.iter().copied().chain(all.iter().map(String::as_str)) {
            let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
            let special = ["inf", "infinity", "nan"]
                .iter()
                .any(|s| unsigned.eq_ignore_ascii_case(s));
            assert_eq!(is_decimal(unsigned) || special, text.parse::<f64>().is_ok(), "{text:?}");
        }
    }

    /// What JavaScript's `Number.prototype.toString` writes for `f` (ECMA-262 Number::toString),
    /// with the digits serde_json chose (JavaScript picks the same shortest, closest, even-on-tie
    /// digits: the browser test checks that).
    fn js_to_string(f: f64) -> String {
        let text = serde_json::Number::from_f64(f.abs()).unwrap().to_string();
        let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
        let exp: i32 = exp.trim_start_matches('+').parse().unwrap();
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let int = int.trim_start_matches('0');
        let (digits, n) = if int.is_empty() {
            let significant = frac.trim_start_matches('0');
            (significant.to_string(), exp - (frac.len() - significant.len()) as i32)
        } else {
            (format!("{int}{frac}"), exp + int.len() as i32)
        };
        let digits = digits.trim_end_matches('0');
        let k = digits.len() as i32;
        let sign = if f < 0.0 { "-" } else { "" };
        let body = if k <= n && n <= 21 {
            format!("{digits}{}", "0".repeat((n - k) as usize))
        } else if 0 < n && n <= 21 {
            format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
        } else if -6 < n && n <= 0 {
            format!("0.{}{digits}", "0".repeat((-n) as usize))
        } else {
            let rest = if k > 1 {
                format!(".{}", &digits[1..])
            } else {
                String::new()
            };
            format!(
                "{}{rest}e{}{}",
                &digits[..1],
                if n > 0 { "+" } else { "-" },
                (n - 1).abs()
            )
        };
        format!("{sign}{body}")
    }

    #[test]
    fn floats_are_laid_out_as_serde_json_does() {
        let check = |f: f64| {
            let Some(n) = serde_json::Number::from_f64(f) else {
                return;
            };
            if f != 0.0 {
                assert_eq!(layout_shortest(&js_to_string(f)), n.to_string(), "{f:e}");
            }
            assert_eq!(number_to_string(&n), n.to_string());
        };
        for f in [
            1e21,
            1e16,
            1e15,
            123.0,
            0.1,
            1.5e-7,
            1e-5,
            1e-6,
            1.234e-5,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -2.5e100,
            1.2345678901234568e20,
            1e-300,
            1.25e16,
            1e100,
            1.5e10,
            1e-4,
            0.0,
            -0.0,
            9007199254740993.0,
            0.3,
            -7.0,
        ] {
            check(f);
        }
        let mut rng = crate::clock::Rng::new(11);
        for _ in 0..20_000 {
            let bits = rng.below_inclusive(u64::MAX);
            check(f64::from_bits(bits));
            let scale = 10f64.powi(rng.below_inclusive(44) as i32 - 22);
            check((bits % 100_000) as f64 * scale);
        }
    }

    #[test]
    fn sorts_stably_by_key() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |i| i.0);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = vec![];
        sort_by_key(&mut empty, |i| *i);
        // Against the standard stable sort, on many lengths and key collisions.
        let mut rng = crate::clock::Rng::new(7);
        for len in 0..200 {
            let items: Vec<(u64, usize)> = (0..len).map(|i| (rng.below_inclusive(len as u64 / 3), i)).collect();
            let (mut ours, mut std) = (items.clone(), items);
            sort_by_key(&mut ours, |i| i.0);
            std.sort_by_key(|i| i.0);
            assert_eq!(ours, std);
        }
    }
}
