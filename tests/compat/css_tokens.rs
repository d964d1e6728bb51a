//! A CSS tokenizer after CSS Syntax Level 3 §4, reduced to what the compatibility check reads:
//! comments and whitespace are dropped, strings and `url()`s become opaque tokens.

/// One token and the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// 1-based line.
    pub line: usize,
}

/// Token kinds. Names are lowercased (CSS keywords are ASCII case-insensitive).
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `color`, `--tau-x`, `-webkit-mask`.
    Ident(String),
    /// `rgb(` (the name without the parenthesis).
    Function(String),
    /// `@media` (without the `@`).
    AtKeyword(String),
    /// `12px` (the unit), also a number with no unit (`""`) and a percentage (`"%"`).
    Number(String),
    /// A quoted string, a `url(...)` or a `#hash`.
    Opaque,
    /// `:`
    Colon,
    /// `;`
    Semicolon,
    /// `{`
    Open,
    /// `}`
    Close,
    /// `(` (a `)` is a `Delim(')')`).
    Paren,
    /// Whitespace (runs of it, one token).
    Space,
    /// Any other character.
    Delim(char),
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_name(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-'
}

/// Tokens of `css`. Never fails: unterminated strings and comments end at the end of input.
pub fn tokenize(css: &str) -> Vec<Token> {
    let chars: Vec<char> = css.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let start_line = line;
        let c = chars[i];
        let starts_ident = |j: usize| {
            let c = at(j);
            is_name_start(c)
                || (c == '\\' && at(j + 1) != '\n')
                || (c == '-' && (is_name_start(at(j + 1)) || at(j + 1) == '-'))
        };
        let starts_number = |j: usize| {
            let c = at(j);
            c.is_ascii_digit()
                || (c == '.' && at(j + 1).is_ascii_digit())
                || ((c == '+' || c == '-')
                    && (at(j + 1).is_ascii_digit() || (at(j + 1) == '.' && at(j + 2).is_ascii_digit())))
        };
        let name_end = |mut j: usize| {
            while j < chars.len() && (is_name(chars[j]) || chars[j] == '\\') {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            j.min(chars.len())
        };
        let kind = if c == '/' && at(i + 1) == '*' {
            let mut j = i + 2;
            while j < chars.len() && !(chars[j] == '*' && at(j + 1) == '/') {
                j += 1;
            }
            line += chars[i..j.min(chars.len())].iter().filter(|&&c| c == '\n').count();
            i = (j + 2).min(chars.len());
            continue;
        } else if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            out.push(Token {
                kind: Kind::Space,
                line: start_line,
            });
            continue;
        } else if c == '"' || c == '\'' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c && chars[j] != '\n' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            i = (j + 1).min(chars.len());
            out.push(Token {
                kind: Kind::Opaque,
                line: start_line,
            });
            continue;
        } else if c == '#' && i + 1 < chars.len() && is_name(at(i + 1)) {
            i = name_end(i + 1);
            Kind::Opaque
        } else if starts_number(i) {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            if (at(j) == 'e' || at(j) == 'E')
                && (at(j + 1).is_ascii_digit()
                    || ((at(j + 1) == '+' || at(j + 1) == '-') && at(j + 2).is_ascii_digit()))
            {
                j += 2;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
            }
            let unit = if at(j) == '%' {
                j += 1;
                "%".to_string()
            } else if starts_ident(j) {
                let end = name_end(j);
                let unit: String = chars[j..end].iter().collect();
                j = end;
                unit.to_ascii_lowercase()
            } else {
                String::new()
            };
            i = j;
            out.push(Token {
                kind: Kind::Number(unit),
                line: start_line,
            });
            continue;
        } else if starts_ident(i) {
            let end = name_end(i);
            let name: String = chars[i..end].iter().collect::<String>().to_ascii_lowercase();
            i = end;
            if at(i) == '(' {
                i += 1;
                if name == "url" {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_whitespace() {
                        j += 1;
                    }
                    if at(j) != '"' && at(j) != '\'' {
                        while j < chars.len() && chars[j] != ')' {
                            line += usize::from(chars[j] == '\n');
                            j += 1;
                        }
                        i = (j + 1).min(chars.len());
                        out.push(Token {
                            kind: Kind::Opaque,
                            line: start_line,
                        });
                        continue;
                    }
                }
                out.push(Token {
                    kind: Kind::Function(name),
                    line: start_line,
                });
                continue;
            }
            out.push(Token {
                kind: Kind::Ident(name),
                line: start_line,
            });
            continue;
        } else if c == '@' && starts_ident(i + 1) {
            let end = name_end(i + 1);
            let name: String = chars[i + 1..end].iter().collect::<String>().to_ascii_lowercase();
            i = end;
            out.push(Token {
                kind: Kind::AtKeyword(name),
                line: start_line,
            });
            continue;
        } else {
            match c {
                ':' => Kind::Colon,
                ';' => Kind::Semicolon,
                '{' => Kind::Open,
                '}' => Kind::Close,
                '(' => Kind::Paren,
                other => Kind::Delim(other),
            }
        };
        if !matches!(kind, Kind::Opaque) {
            i += 1;
        }
        out.push(Token { kind, line: start_line });
    }
    out
}
