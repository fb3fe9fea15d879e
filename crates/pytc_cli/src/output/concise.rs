//! `concise`: exactly one line per diagnostic, `path:line:col: severity[rule] message`.

use std::io::{self, Write};

use super::Located;

pub fn print(out: &mut dyn Write, located: &[Located]) -> io::Result<()> {
    for item in located {
        let diagnostic = item.diagnostic;
        // Keep the one-line promise even for a message that spans lines.
        let message = diagnostic.message.replace('\n', " ");
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            item.path,
            item.line,
            item.column,
            diagnostic.severity.as_str(),
            diagnostic.rule,
            message
        )?;
    }
    Ok(())
}
