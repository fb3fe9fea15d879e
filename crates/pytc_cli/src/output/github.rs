//! `github`: GitHub Actions workflow commands, which become annotations on pull requests.

use std::io::{self, Write};

use pytc_db::Severity;

use super::Located;

pub fn print(out: &mut dyn Write, located: &[Located]) -> io::Result<()> {
    for item in located {
        let diagnostic = item.diagnostic;
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&item.path),
            item.line,
            item.column,
            item.end_line,
            item.end_column,
            escape_property(&format!("pytc({})", diagnostic.rule)),
            escape_data(&diagnostic.message),
        )?;
    }
    Ok(())
}

/// Workflow-command escaping of a message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Workflow-command escaping of a property value, which also may not hold `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_the_command() {
        assert_eq!(escape_data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
