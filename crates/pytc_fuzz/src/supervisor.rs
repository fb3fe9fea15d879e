//! The fuzzer's side of a worker process: send one input, wait at most the time budget, and
//! say how the check ended. A worker that died (an abort, a stack overflow) or was killed
//! after the budget is replaced by a fresh one before the next input.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::worker::encode_input;

/// How a check ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// A Rust panic: where and why.
    Panic(String),
    /// The worker died: its exit status and the last lines it wrote to standard error.
    Crash(String),
    /// The check was still running when the budget ran out.
    Timeout,
}

impl Outcome {
    pub fn is_failure(&self) -> bool {
        *self != Outcome::Ok
    }

    /// What makes two failures the same: the kind, and for a panic its location.
    pub fn signature(&self) -> String {
        match self {
            Outcome::Ok => "ok".into(),
            Outcome::Panic(message) => {
                format!("panic {}", message.split(": ").next().unwrap_or_default())
            }
            Outcome::Crash(_) => "crash".into(),
            Outcome::Timeout => "timeout".into(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Panic(_) => "panic",
            Outcome::Crash(_) => "crash",
            Outcome::Timeout => "timeout",
        }
    }
}

struct Running {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<String>,
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
}

/// A worker process, started when first needed and again after each death.
pub struct Supervisor {
    command: Vec<String>,
    running: Option<Running>,
}

impl Supervisor {
    /// `command` starts a worker (the fuzzer's own binary with `--worker`).
    pub fn new(command: Vec<String>) -> Self {
        Self { command, running: None }
    }

    pub fn check(&mut self, bytes: &[u8], stub: bool, budget: Duration) -> Outcome {
        if self.running.is_none() {
            self.running = Some(self.spawn());
        }
        let running = self.running.as_mut().expect("started above");
        if running.stdin.write_all(&encode_input(bytes, stub)).and_then(|()| running.stdin.flush()).is_err() {
            return self.died();
        }
        // The budget is the worker's processor time where the system tells it (a loaded
        // machine must not turn a slow check into a hang), and wall time otherwise; a worker
        // that waits without computing is a hang after ten budgets of wall time.
        let cpu_at_start = cpu_time(running.child.id());
        let started = Instant::now();
        let answer = loop {
            match running.answers.recv_timeout(Duration::from_millis(100).min(budget)) {
                Err(RecvTimeoutError::Timeout) => {
                    let wall = started.elapsed();
                    let used = match (cpu_at_start, cpu_time(running.child.id())) {
                        (Some(start), Some(now)) if wall < budget * 10 => now.saturating_sub(start),
                        _ => wall,
                    };
                    if used >= budget {
                        break Err(RecvTimeoutError::Timeout);
                    }
                }
                other => break other,
            }
        };
        match answer {
            Ok(answer) if answer == "ok" => Outcome::Ok,
            Ok(answer) => Outcome::Panic(answer.strip_prefix("panic ").unwrap_or(&answer).to_string()),
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                Outcome::Timeout
            }
            Err(RecvTimeoutError::Disconnected) => self.died(),
        }
    }

    fn spawn(&self) -> Running {
        let mut child = Command::new(&self.command[0])
            .args(&self.command[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start the fuzz worker {:?}: {error}", self.command));
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let (sender, answers) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let tail = stderr_tail.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { return };
                let mut tail = tail.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                tail.push_back(line);
                if tail.len() > 5 {
                    tail.pop_front();
                }
            }
        });
        Running { child, stdin, answers, stderr_tail }
    }

    fn died(&mut self) -> Outcome {
        let Some(mut running) = self.running.take() else {
            return Outcome::Crash("no worker".into());
        };
        let status = running.child.wait().map_or_else(|error| error.to_string(), |status| status.to_string());
        // The reader of standard error may still be collecting the last lines.
        std::thread::sleep(Duration::from_millis(50));
        let tail = running.stderr_tail.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let last: Vec<&str> = tail.iter().map(String::as_str).collect();
        Outcome::Crash(format!("{status}: {}", last.join(" | ")))
    }

    fn stop(&mut self) {
        if let Some(mut running) = self.running.take() {
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The processor time (user and system) a process has used so far, from `/proc` on Linux.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start with the state; user and
    // system time are the 12th and 13th of them, in ticks of 1/100 s.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The command that starts a worker of the binary at `exe`.
pub fn worker_command(exe: PathBuf, self_test: bool) -> Vec<String> {
    let mut command = vec![exe.display().to_string(), "--worker".to_string()];
    if self_test {
        command.push("--self-test".to_string());
    }
    command
}
