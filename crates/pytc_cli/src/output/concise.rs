//! `concise`: exactly one line per diagnostic, `path:line:col: severity[rule] message`.

use std::io::{self, Write};

use super::Located;

pub fn print(out: &mut dyn Write, located: &[Located]) -> io::Result<()> {
    for item in located {
        let diagnostic = item.diagnostic;
        let message = one_line(&diagnostic.message);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            escape_controls(&item.path),
            item.line,
            item.column,
            diagnostic.severity.as_str(),
            diagnostic.rule,
            message
        )?;
    }
    Ok(())
}

/// Keep the one-line promise even for a message that spans lines or quotes a control
/// character from the source (a NUL, a lone carriage return): newlines become spaces, other
/// control characters their escapes.
fn one_line(message: &str) -> String {
    message.split('\n').map(escape_controls).collect::<Vec<_>>().join(" ")
}

/// `text` with every control character (newlines too) written as its escape.
fn escape_controls(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if character.is_control() {
            escaped.extend(character.escape_default());
        } else {
            escaped.push(character);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_one_printable_line() {
        assert_eq!(one_line("first\nsecond"), "first second");
        assert_eq!(one_line("Got unexpected token \0 or \r"), "Got unexpected token \\u{0} or \\r");
        assert_eq!(one_line("`é` and a\ttab"), "`é` and a\\ttab");
        assert_eq!(escape_controls("odd\nname.py"), "odd\\nname.py");
    }
}
