//! The checking side of the fuzzer, run as a child process (`pytc_fuzz --worker`) so that an
//! abort (a stack overflow) ends only the worker: it reads inputs from standard input, checks
//! each in a fresh in-memory database on a thread with the language server's stack size, and
//! answers `ok` or `panic <where>: <message>` on a line of its own.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Mutex;

use pytc_db::testing::TestDb;
use pytc_db::{Files, PythonPlatform};
use pytc_syntax::PythonVersion;

/// The smallest stack pytc checks on (the language server's request threads).
const CHECK_STACK_BYTES: usize = 32 * 1024 * 1024;

/// Where and why the last panic happened, recorded by the panic hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Serve inputs until standard input ends. With `self_test`, inputs starting with `#!panic`,
/// `#!abort` or `#!hang` fail that way, so the supervisor's detection can be tested.
pub fn serve(self_test: bool) {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map_or_else(|| "unknown".to_string(), |l| format!("{}:{}", l.file(), l.line()));
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let line = format!("{location}: {message}").replace('\n', " ");
        *LAST_PANIC.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(line);
    }));
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    while let Some((bytes, stub)) = read_input(&mut input) {
        let answer = match check_on_thread(bytes, stub, self_test) {
            Ok(()) => "ok".to_string(),
            Err(()) => {
                format!("panic {}", LAST_PANIC.lock().unwrap_or_else(|p| p.into_inner()).take().unwrap_or_default())
            }
        };
        if writeln!(output, "{answer}").and_then(|()| output.flush()).is_err() {
            return;
        }
    }
}

/// One input: a little-endian `u32` length, a stub flag byte, then the source bytes.
fn read_input(input: &mut impl BufRead) -> Option<(Vec<u8>, bool)> {
    let mut header = [0; 5];
    input.read_exact(&mut header).ok()?;
    let length = u32::from_le_bytes(header[..4].try_into().ok()?) as usize;
    let mut bytes = vec![0; length];
    input.read_exact(&mut bytes).ok()?;
    Some((bytes, header[4] == 1))
}

/// Encode an input for `read_input`.
pub fn encode_input(bytes: &[u8], stub: bool) -> Vec<u8> {
    let mut encoded = (bytes.len() as u32).to_le_bytes().to_vec();
    encoded.push(u8::from(stub));
    encoded.extend_from_slice(bytes);
    encoded
}

fn check_on_thread(bytes: Vec<u8>, stub: bool, self_test: bool) -> Result<(), ()> {
    std::thread::Builder::new()
        .stack_size(CHECK_STACK_BYTES)
        .spawn(move || {
            if self_test {
                self_test_failure(&bytes);
            }
            check(&bytes, stub);
        })
        .expect("spawn a checking thread")
        .join()
        .map_err(|_| ())
}

/// Check `bytes` as the only file of a fresh database, as `pytc check` would.
pub fn check(bytes: &[u8], stub: bool) -> usize {
    let db = TestDb::new(PythonVersion::PY313, PythonPlatform::Named("linux".into()));
    let path = if stub { "/src/fuzzed.pyi" } else { "/src/fuzzed.py" };
    db.write(path, bytes);
    let file = Files::system(&db, Path::new(path));
    pytc_checker::check_file(&db, file).len()
}

fn self_test_failure(bytes: &[u8]) {
    if bytes.starts_with(b"#!panic") {
        panic!("self-test panic");
    }
    if bytes.starts_with(b"#!abort") {
        std::process::abort();
    }
    if bytes.starts_with(b"#!hang") {
        // Busy, as a runaway check is: the budget counts processor time.
        let mut spins = 0u64;
        loop {
            spins = std::hint::black_box(spins.wrapping_add(1));
        }
    }
}
