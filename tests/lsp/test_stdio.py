"""The built binary's standard input and output, byte for byte: malformed input, exit codes."""

import json
import subprocess

from conftest import pytc_binary, server_environment


def frame(message) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_messages(output: bytes) -> list[dict]:
    messages = []
    while output:
        header, _, rest = output.partition(b"\r\n\r\n")
        length = int(header.split(b":")[1])
        messages.append(json.loads(rest[:length]))
        output = rest[length:]
    return messages


def read_message(stream) -> dict:
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        byte = stream.read(1)
        assert byte, "the server closed its output early"
        header += byte
    length = int(header.split(b":")[1])
    return json.loads(stream.read(length))


def run_server(*exchanges) -> tuple[int, list[dict]]:
    """Send each `(bytes, answers)` exchange, reading `answers` messages after each, as a
    client waiting for responses would; then close the input and wait for the exit code."""
    server = subprocess.Popen(
        [pytc_binary(), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=server_environment()
    )
    received = []
    try:
        for data, answers in exchanges:
            server.stdin.write(data)
            server.stdin.flush()
            received.extend(read_message(server.stdout) for _ in range(answers))
        server.stdin.close()
        received.extend(read_messages(server.stdout.read()))
        return server.wait(timeout=60), received
    finally:
        server.kill()


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
SHUTDOWN = {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}
EXIT = {"jsonrpc": "2.0", "method": "exit"}


def test_malformed_messages_are_answered_and_serving_goes_on():
    code, messages = run_server(
        (frame(b"{this is not json"), 1),
        (b"Content-Length: many\r\n\r\n", 1),
        (frame({"jsonrpc": "2.0", "id": 9, "params": {}}), 1),
        (frame(INITIALIZE), 1),
        (frame(SHUTDOWN), 1),
        (frame(EXIT), 0),
    )
    errors = [m["error"]["code"] for m in messages if "error" in m]
    assert errors == [-32700, -32700, -32600]
    initialized = next(m for m in messages if m.get("id") == 1)
    assert initialized["result"]["serverInfo"]["name"] == "pytc"
    assert code == 0


def test_exit_without_shutdown_fails_and_end_of_input_stops_the_server():
    code, _ = run_server((frame(INITIALIZE), 1), (frame(EXIT), 0))
    assert code == 1
    code, messages = run_server((frame(INITIALIZE), 1))
    assert code == 1
    assert messages[0]["id"] == 1
