"""Helpers for driving the Descent Jupyter kernel with jupyter_client.

Every wait is for a state (a reply, a status, a heartbeat's echo, a signal
taken) and has a ceiling, so a kernel that stops answering fails a test
instead of hanging the run. The ceiling is only ever reached by a hang:
on a machine busy with other builds and test runs the states just come
later, so it is generous.
"""

import os
import pathlib
import subprocess
import time

import pytest
import zmq
from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def install_kernelspec(descent_bin: pathlib.Path, prefix: pathlib.Path) -> pathlib.Path:
    """Installs the kernelspec below `prefix`, as a user would with --prefix,
    and points Jupyter's search path at it. Returns the data folder."""
    subprocess.run([str(descent_bin), "kernel", "install", "--prefix", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL)
    data = prefix / "share" / "jupyter"
    os.environ["JUPYTER_PATH"] = str(data)
    return data


@pytest.fixture(scope="module", autouse=True)
def kernelspec(descent_bin, tmp_path_factory):
    """The kernelspec installed for a test module (imported there, it applies to all its tests)."""
    return install_kernelspec(descent_bin, tmp_path_factory.mktemp("jupyter-prefix"))


@pytest.fixture
def kernel():
    """A started kernel manager and client, shut down after the test."""
    km, kc = start_kernel()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def start_kernel():
    """A started Descent kernel and a blocking client with its channels open."""
    return start_new_kernel(kernel_name="descent", startup_timeout=TIMEOUT)


class Cell:
    """What one execute_request produced: the reply and the iopub messages."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.messages = messages

    @property
    def content(self):
        return self.reply["content"]

    def of_type(self, msg_type):
        return [m["content"] for m in self.messages if m["msg_type"] == msg_type]

    @property
    def stdout(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stdout")

    @property
    def stderr(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stderr")

    @property
    def results(self):
        return [c["data"]["text/plain"] for c in self.of_type("execute_result")]


def wait_idle(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages whose parent is `msg_id`, up to its idle status."""
    deadline = time.monotonic() + timeout
    messages = []
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"no idle status for {msg_id} within {timeout} s"
        message = kc.get_iopub_msg(timeout=left)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return messages


def wait_busy(kc, msg_id, timeout=TIMEOUT):
    """Waits until the kernel has taken `msg_id` (its busy status): from
    then on an interrupt is meant for that request."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"no busy status for {msg_id} within {timeout} s"
        message = kc.get_iopub_msg(timeout=left)
        if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                and message["content"]["execution_state"] == "busy"):
            return


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    """The shell reply to `msg_id` (other replies are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"no reply to {msg_id} within {timeout} s"
        reply = kc.get_shell_msg(timeout=left)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def execute(kc, code, timeout=TIMEOUT, **options) -> Cell:
    """Runs a cell and collects its reply and output."""
    msg_id = kc.execute(code, **options)
    reply = shell_reply(kc, msg_id, timeout)
    return Cell(reply, wait_idle(kc, msg_id, timeout))


def heartbeat_answers(info, timeout=TIMEOUT) -> bool:
    """Whether the kernel whose connection `info` (a dict, as in a connection
    file) is given echoes a heartbeat ping within `timeout` seconds. The
    kernel starts its heartbeat after it has asked to end with its parent,
    so an echo also says that request is in place."""
    socket = zmq.Context.instance().socket(zmq.REQ)
    socket.linger = 0
    socket.connect(f"{info.get('transport', 'tcp')}://{info['ip']}:{info['hb_port']}")
    try:
        socket.send(b"ping")
        return bool(socket.poll(int(timeout * 1000))) and socket.recv() == b"ping"
    finally:
        socket.close()


def pending_signals(pid) -> int:
    """The signals sent to process `pid` that no thread has taken yet (a bit
    mask, bit n-1 for signal n), from /proc."""
    mask = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(("SigPnd:", "ShdPnd:")):
                mask |= int(line.split()[1], 16)
    return mask


def wait_signal_taken(pid, signum, timeout=TIMEOUT):
    """Waits until no `signum` sent to `pid` is pending: its handler has run."""
    deadline = time.monotonic() + timeout
    while pending_signals(pid) & (1 << (signum - 1)):
        assert time.monotonic() < deadline, f"signal {signum} still pending in {pid} after {timeout} s"
        time.sleep(0.01)  # polling a state, not waiting out a time


def wait_stream(kc, msg_id, text, timeout=TIMEOUT):
    """Waits for the stream message `text` from `msg_id`: the cell has run
    up to the statement that printed it."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"no output {text!r} from {msg_id} within {timeout} s"
        message = kc.get_iopub_msg(timeout=left)
        if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "stream":
            assert message["content"]["text"] == text
            return
