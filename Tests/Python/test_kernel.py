"""The Descent Jupyter kernel driven by jupyter_client (issue 14).

The kernelspec is installed with `descent kernel install --prefix` into a
temporary folder, and `JUPYTER_PATH` points there, so nothing touches the
user's own Jupyter setup.
"""

import hashlib
import hmac
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

from kernel_support import (TIMEOUT, execute, heartbeat_answers, kernel, kernelspec,  # noqa: F401
                            shell_reply, wait_busy, wait_idle, wait_signal_taken, wait_stream)

README_SESSION = "weight = 0.5; goal = 0.8; input = 0.5"
# Settles the weight at 1.6 before the endless train starts, so the value
# kept after an interrupt does not depend on how many steps ran before it
# (a busy machine may interrupt after a few).
SETTLE = "train 20000 alpha 0.01 quiet\n"


def test_kernelspec_is_found_with_its_logo(kernelspec, descent_bin):
    spec = KernelSpecManager().get_kernel_spec("descent")
    assert spec.display_name == "Descent"
    assert spec.language == "descent"
    assert spec.interrupt_mode == "signal"
    assert spec.argv[0] == str(descent_bin.resolve())
    assert spec.argv[1:] == ["kernel", "--connection-file", "{connection_file}"]
    folder = kernelspec / "kernels" / "descent"
    assert (folder / "logo-64x64.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in (folder / "logo-svg.svg").read_bytes()


def test_kernel_info_names_a_lexer_that_exists(kernel):
    from pygments.lexers import get_lexer_by_name

    _, kc = kernel
    msg_id = kc.kernel_info()
    info = shell_reply(kc, msg_id)["content"]
    assert info["protocol_version"] == "5.3"
    language = info["language_info"]
    assert language["name"] == "descent"
    assert language["mimetype"] == "text/x-descent"
    assert language["file_extension"] == ".descent"
    assert get_lexer_by_name(language["pygments_lexer"])


def test_statuses_busy_then_idle_and_execute_input(kernel):
    _, kc = kernel
    cell = execute(kc, "x = 1")
    kinds = [m["msg_type"] for m in cell.messages]
    assert kinds[0] == "status" and cell.messages[0]["content"]["execution_state"] == "busy"
    assert kinds[-1] == "status"
    assert cell.of_type("execute_input") == [{"code": "x = 1", "execution_count": 1}]
    assert cell.content["status"] == "ok"


def test_print_is_a_stdout_stream_and_an_expression_an_execute_result(kernel):
    _, kc = kernel
    execute(kc, README_SESSION)
    cell = execute(kc, 'print "Error:" + str(0.3025)\nweight * 2')
    assert cell.stdout == "Error:0.3025\n"
    assert cell.results == ["1.0"]
    assert cell.of_type("execute_result")[0]["execution_count"] == 2
    # Only the cell's last expression is its result, as in IPython.
    assert execute(kc, "weight\nweight * 3").results == ["1.5"]


def test_execution_count_silent_and_store_history(kernel):
    _, kc = kernel
    assert execute(kc, "a = 1").content["execution_count"] == 1
    silent = execute(kc, 'print "hidden"\na', silent=True)
    assert silent.content["status"] == "ok"
    assert [m["msg_type"] for m in silent.messages] == ["status", "status"]
    unstored = execute(kc, "a", store_history=False)
    assert unstored.results == ["1"]
    assert execute(kc, "b = 2").content["execution_count"] == 2
    msg_id = kc.history(hist_access_type="tail", n=10)
    history = shell_reply(kc, msg_id)["content"]["history"]
    assert [entry[1:] for entry in history] == [[1, "a = 1"], [2, "b = 2"]]
    msg_id = kc.history(hist_access_type="search", pattern="b*")
    assert [entry[2] for entry in shell_reply(kc, msg_id)["content"]["history"]] == ["b = 2"]


def test_user_expressions_are_evaluated_without_output(kernel):
    _, kc = kernel
    cell = execute(kc, "weight = 0.5", user_expressions={
        "double": "weight * 2", "bad": "wieght", "statement": "weight = 3", "broken": "(1 +"})
    results = cell.content["user_expressions"]
    assert results["double"] == {"status": "ok", "data": {"text/plain": "1.0"}, "metadata": {}}
    assert results["bad"]["status"] == "error" and "not defined" in results["bad"]["evalue"]
    assert results["statement"]["evalue"] == "a user expression must be one expression"
    assert results["broken"]["status"] == "error"
    assert cell.of_type("execute_result") == [] and cell.stdout == ""
    assert execute(kc, "weight").results == ["0.5"]


def test_plot_sends_svg_and_a_text_fallback(kernel):
    _, kc = kernel
    execute(kc, README_SESSION)
    cell = execute(kc, "train 20 alpha 0.1\nplot error")
    [display] = cell.of_type("display_data")
    assert display["data"]["image/svg+xml"].lstrip().startswith("<svg")
    assert "step" in display["data"]["text/plain"]


def test_show_graph_sends_graphviz_svg_and_the_tree_as_text(kernel):
    _, kc = kernel
    cell = execute(kc, "def error(weight) = (0.5 * weight - 0.8) ** 2\nd = derivative(error, 0.5)\nshow graph")
    [display] = cell.of_type("display_data")
    svg = display["data"]["image/svg+xml"]
    assert svg.startswith("<svg") and "weight" in svg and "grad" in svg
    assert display["data"]["text/plain"].splitlines()[0] == "**   data 0.30250000000000005   grad 1.0"


def test_show_history_and_weights_are_html_tables_with_text(kernel):
    _, kc = kernel
    execute(kc, README_SESSION)
    cell = execute(kc, "train 3 alpha 0.1\nshow history\nshow weights")
    history, weights = cell.of_type("display_data")
    assert history["data"]["text/html"].startswith("<table")
    assert "<th>step</th>" in history["data"]["text/html"]
    assert history["data"]["text/plain"].splitlines()[0].split()[0] == "step"
    assert "<th>weight</th>" in weights["data"]["text/html"]
    assert weights["data"]["text/plain"].startswith("weight = ")


def test_syntax_error_is_an_error_reply_with_the_caret_and_the_kernel_goes_on(kernel):
    _, kc = kernel
    cell = execute(kc, "print (1 + ")
    assert cell.content["status"] == "error"
    assert cell.content["ename"] == "SyntaxError"
    [error] = cell.of_type("error")
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in error["traceback"]]
    assert plain[0].startswith("In[1]:1:11: error: ")
    assert plain[2].strip() == "^"
    assert any("\x1b[" in line for line in error["traceback"])  # coloured as Jupyter shows it
    assert execute(kc, "print 2").stdout == "2\n"


def test_cells_queued_behind_a_failed_one_are_aborted(kernel):
    _, kc = kernel

    def statuses(*msg_ids):
        replies = [kc.get_shell_msg(timeout=TIMEOUT) for _ in msg_ids]
        by_parent = {r["parent_header"]["msg_id"]: r["content"]["status"] for r in replies}
        return [by_parent[m] for m in msg_ids]

    failing = kc.execute("#| budget=3000000\nwhile true { }")
    queued = kc.execute('print "after"')
    assert statuses(failing, queued) == ["error", "aborted"]
    tolerant = kc.execute("#| budget=3000000\nwhile true { }", stop_on_error=False)
    runs = kc.execute('print "after"')
    assert statuses(tolerant, runs) == ["error", "ok"]
    assert execute(kc, 'print "later"').stdout == "later\n"


def test_runtime_error_names_the_place(kernel):
    _, kc = kernel
    cell = execute(kc, "weight = 1\nprint wieght")
    assert cell.content["ename"] == "RuntimeError"
    assert "did you mean 'weight'?" in "\n".join(cell.content["traceback"])


def test_stream_arrives_while_the_cell_runs_then_sigint_interrupts(kernel):
    km, kc = kernel
    execute(kc, README_SESSION)
    msg_id = kc.execute(SETTLE + 'print "started"\ntrain 100000000000 alpha 0.01')
    wait_stream(kc, msg_id, "started\n")
    assert kc.shell_channel.msg_ready() is False  # still training: the text came first
    km.interrupt_kernel()  # interrupt_mode "signal": SIGINT
    assert_interrupted_keeping_the_weight(kc, msg_id)


def assert_interrupted_keeping_the_weight(kc, msg_id):
    """The cell ended as interrupted, and `weight` keeps what training learnt
    (the README's first session: it has settled at 1.6)."""
    reply = shell_reply(kc, msg_id)["content"]
    assert (reply["status"], reply["ename"]) == ("error", "Interrupted")
    wait_idle(kc, msg_id)
    [weight] = execute(kc, "weight").results
    assert abs(float(weight) - 1.6) < 1e-6


def test_interrupt_request_on_the_control_channel(kernel):
    _, kc = kernel
    execute(kc, README_SESSION)
    msg_id = kc.execute(SETTLE + 'print "started"\ntrain 100000000000 alpha 0.01')
    wait_stream(kc, msg_id, "started\n")  # training from now on
    request = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(request)
    control = kc.get_control_msg(timeout=TIMEOUT)
    assert control["msg_type"] == "interrupt_reply"
    assert_interrupted_keeping_the_weight(kc, msg_id)


def test_heartbeat_and_kernel_info_answer_while_a_cell_runs(kernel):
    km, kc = kernel
    execute(kc, README_SESSION)
    msg_id = kc.execute('print "started"\nwhile true { }')
    wait_stream(kc, msg_id, "started\n")  # in the loop from now on, until interrupted
    assert heartbeat_answers(km.get_connection_info())
    request = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(request)
    assert kc.get_control_msg(timeout=TIMEOUT)["msg_type"] == "kernel_info_reply"
    km.interrupt_kernel()
    assert shell_reply(kc, msg_id)["content"]["ename"] == "Interrupted"


def test_interrupts_while_idle_leave_the_kernel_and_the_next_cell_alone(kernel):
    km, kc = kernel
    for _ in range(20):
        km.interrupt_kernel()
        # Taken (its handler has run) before the next, and before the cell:
        # a late one would otherwise stop the cell on a busy machine.
        wait_signal_taken(km.provisioner.pid, signal.SIGINT)
    assert heartbeat_answers(km.get_connection_info())
    cell = execute(kc, "n = 0\nrepeat 100000 { n += 1 }\nprint n")
    assert cell.content["status"] == "ok"
    assert cell.stdout == "100000\n"


def test_runaway_loop_under_a_cell_budget(kernel):
    _, kc = kernel
    cell = execute(kc, "#| budget=100000\nn = 0\nwhile true { n += 1 }")
    assert cell.content["status"] == "error"
    assert "step budget of 100000 spent" in cell.content["evalue"]
    assert execute(kc, "n").results == ["100000"]
    bad = execute(kc, "#| budget=lots\nprint 1")
    assert bad.content["status"] == "error"
    assert "cell option 'budget=lots'" in bad.content["evalue"]
    assert bad.stdout == ""


def test_a_kernel_installed_with_a_budget_stops_every_cell(descent_bin, kernelspec):
    subprocess.run([str(descent_bin), "kernel", "install", "--prefix", str(kernelspec.parents[1]),
                    "--name", "descent-budget", "--budget", "50000"], check=True, stdout=subprocess.DEVNULL)
    km, kc = start_new_kernel(kernel_name="descent-budget", startup_timeout=TIMEOUT)
    try:
        cell = execute(kc, "while true { }")
        assert "step budget of 50000 spent" in cell.content["evalue"]
        assert execute(kc, "#| budget=10\nrepeat 20 { }").content["evalue"].startswith("step budget of 10 ")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_digits_cell_option_is_for_that_cell(kernel):
    _, kc = kernel
    assert execute(kc, "#| digits=12\nprint 0.1 + 0.2").stdout == "0.3\n"
    assert execute(kc, "print 0.1 + 0.2").stdout == "0.30000000000000004\n"


def test_huge_output_stops_at_the_limit(kernel):
    _, kc = kernel
    cell = execute(kc, 'repeat 100000000 { print "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }')
    assert cell.content["status"] == "error"
    assert "output limit" in cell.content["evalue"]
    assert 0 < len(cell.stdout) <= (1 << 20) + 100
    assert len(cell.of_type("stream")) < 200  # sent in chunks, not a message a line
    assert execute(kc, "print 1").stdout == "1\n"


def test_complete_offers_live_names_keywords_builtins_and_options(kernel):
    _, kc = kernel
    execute(kc, "learning_rate = 0.1")

    def complete(code, cursor=None):
        msg_id = kc.complete(code, len(code) if cursor is None else cursor)
        return shell_reply(kc, msg_id)["content"]

    reply = complete("tr")
    assert {"train", "transpose", "true"} <= set(reply["matches"])
    assert (reply["cursor_start"], reply["cursor_end"]) == (0, 2)
    assert complete("x = learn")["matches"] == ["learning_rate"]
    assert "alpha" in complete("train 5 al")["matches"]
    assert "sigmoid" in complete("y = sigm")["matches"]
    middle = complete("print tr + 1", cursor=8)
    assert (middle["cursor_start"], middle["cursor_end"]) == (6, 8)
    assert complete('print "tr')["matches"] == []


def test_is_complete(kernel):
    _, kc = kernel

    def status(code):
        msg_id = kc.is_complete(code)
        return shell_reply(kc, msg_id)["content"]

    assert status("repeat 3 {") == {"status": "incomplete", "indent": "    "}
    assert status("x = (1 +")["status"] == "incomplete"
    assert status("x = 1")["status"] == "complete"
    assert status("x = )")["status"] == "invalid"


def test_inspect_a_variable_and_a_builtin(kernel):
    _, kc = kernel
    execute(kc, "weights = [0.1, 0.2, 0.3]")

    def inspect(code, cursor):
        msg_id = kc.inspect(code, cursor)
        return shell_reply(kc, msg_id)["content"]

    reply = inspect("print weights", 8)
    assert reply["found"] is True
    assert reply["data"]["text/plain"] == "weights: vector of 3\n[0.1, 0.2, 0.3]"
    assert "square root" in inspect("sqrt(2)", 2)["data"]["text/plain"]
    assert inspect("nothing_here", 3)["found"] is False


def test_comm_info_is_empty(kernel):
    _, kc = kernel
    msg_id = kc.comm_info()
    assert shell_reply(kc, msg_id)["content"] == {"status": "ok", "comms": {}}


def test_restart_forgets_the_session(kernel):
    km, kc = kernel
    execute(kc, "remembered = 1")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    cell = execute(kc, "remembered")
    assert cell.content["status"] == "error"
    assert "not defined" in cell.content["evalue"]


def test_shutdown_request_ends_the_process(kernel):
    km, kc = kernel
    msg_id = kc.shutdown()
    reply = kc.get_control_msg(timeout=TIMEOUT)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["parent_header"]["msg_id"] == msg_id
    deadline = time.monotonic() + TIMEOUT
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)  # polling a state
    assert not km.is_alive()


def test_the_kernel_ends_with_its_parent(descent_bin, tmp_path):
    """A parent killed with SIGKILL leaves no orphan kernel behind."""
    connection = tmp_path / "kernel.json"
    write_connection_file(str(connection))
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys, time\n"
         f"k = subprocess.Popen([{str(descent_bin)!r}, 'kernel', '--connection-file', {str(connection)!r}])\n"
         "print(k.pid, flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    kernel_pid = int(parent.stdout.readline())
    # Its heartbeat starts after it has asked to end with its parent.
    assert heartbeat_answers(json.loads(connection.read_text()))
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            os.kill(kernel_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)  # polling a state
    os.kill(kernel_pid, signal.SIGKILL)
    pytest.fail("the kernel outlived its parent")


def test_the_kernel_outlives_the_thread_that_started_it(descent_bin, tmp_path):
    """Linux's parent-death signal fires when the starting *thread* ends;
    the kernel stays while its parent process lives."""
    import threading

    connection = tmp_path / "kernel.json"
    write_connection_file(str(connection))
    info = json.loads(connection.read_text())
    started = []

    def start_then_end():
        started.append(subprocess.Popen([str(descent_bin), "kernel", "--connection-file", str(connection)]))
        # The kernel has asked for its parent-death signal once it beats.
        assert heartbeat_answers(info)

    starter = threading.Thread(target=start_then_end)
    starter.start()
    starter.join()
    kernel = started[0]
    try:
        # Linux sends the signal as the thread's task goes away, which can
        # be after join() returns: wait for the task to be gone, then for
        # the kernel to have taken the signal.
        deadline = time.monotonic() + TIMEOUT
        while os.path.exists(f"/proc/self/task/{starter.native_id}"):
            assert time.monotonic() < deadline, "the starting thread's task is still there"
            time.sleep(0.01)  # polling a state
        wait_signal_taken(kernel.pid, signal.SIGHUP)
        assert heartbeat_answers(info)
        assert kernel.poll() is None
    finally:
        kernel.kill()
        kernel.wait(timeout=TIMEOUT)


@pytest.mark.parametrize("content, complaint", [
    (None, "cannot read the connection file"),
    ("[1, 2]", "is not a JSON object"),
    ('{"shell_port": 1}', "has no port 'control_port'"),
    ('{"shell_port": 1, "control_port": 2, "iopub_port": 3, "stdin_port": 4, "hb_port": 5,'
     ' "transport": "udp"}', "transport 'udp'"),
])
def test_a_bad_connection_file_is_reported(descent_bin, tmp_path, content, complaint):
    path = tmp_path / "connection.json"
    if content is not None:
        path.write_text(content)
    run = subprocess.run([str(descent_bin), "kernel", "--connection-file", str(path)],
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 1
    assert complaint in run.stderr


def test_install_refuses_a_bad_name(descent_bin, tmp_path):
    run = subprocess.run([str(descent_bin), "kernel", "install", "--prefix", str(tmp_path),
                          "--name", "../escape"], capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 64
    assert "may hold only" in run.stderr
    assert not (tmp_path / "share").exists()


# MARK: - Messages a client should not send


def raw_shell(km):
    """A DEALER socket on the kernel's shell port, and the signing key."""
    info = km.get_connection_info()
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.linger = 0
    socket.connect(f"tcp://{info['ip']}:{info['shell_port']}")
    return socket, info["key"]


def frames(key, header, content, parent=None, metadata=None):
    """A message's frames, signed with `key`; parts may be given as raw bytes."""
    parts = [p if isinstance(p, bytes) else json.dumps(p).encode()
             for p in (header, parent or {}, metadata or {}, content)]
    signature = hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest().encode()
    return [b"<IDS|MSG>", signature] + parts


def header(msg_type):
    return {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "raw", "username": "test",
            "date": "2026-01-01T00:00:00Z", "version": "5.3"}


def receive(socket, timeout_ms):
    if not socket.poll(timeout_ms):
        return None
    parts = socket.recv_multipart()
    split = parts.index(b"<IDS|MSG>")
    return json.loads(parts[split + 2]), json.loads(parts[split + 5])


def test_a_message_with_a_wrong_signature_is_ignored(kernel):
    km, kc = kernel
    socket, key = raw_shell(km)
    socket.send_multipart(frames(b"not the key", header("execute_request"),
                                 {"code": "pwned = 1", "silent": False}))
    assert receive(socket, 1000) is None
    cell = execute(kc, "pwned")
    assert "not defined" in cell.content["evalue"]
    assert cell.content["execution_count"] == 1  # the forged cell never ran
    socket.close()


def test_malformed_messages_get_a_reply_saying_so(kernel):
    km, kc = kernel
    socket, key = raw_shell(km)

    def ask(head, content):
        socket.send_multipart(frames(key, head, content))
        answer = receive(socket, 5000)
        assert answer is not None, "no reply"
        return answer

    reply_header, content = ask(header("frobnicate_request"), {})
    assert reply_header["msg_type"] == "frobnicate_reply"
    assert content["status"] == "error" and "unknown message type 'frobnicate_request'" in content["evalue"]

    reply_header, content = ask(header("execute_request"), {"code": 5})
    assert reply_header["msg_type"] == "execute_reply"
    assert content["status"] == "error" and "'code'" in content["evalue"]

    no_type = header("execute_request")
    del no_type["msg_type"]
    reply_header, content = ask(no_type, {"code": "x = 1"})
    assert content["status"] == "error" and "msg_type" in content["evalue"]

    reply_header, content = ask(header("execute_request"), b"[" * 100000 + b"]" * 100000)
    assert content["status"] == "error" and "content" in content["evalue"]

    reply_header, content = ask(header("execute_request"), b"[1, 2")
    assert content["status"] == "error" and "content" in content["evalue"]

    reply_header, content = ask(header("complete_request"), {"code": "tr", "cursor_pos": "2"})
    assert content["status"] == "error" and "cursor_pos" in content["evalue"]

    socket.send_multipart([b"no delimiter at all"])
    assert receive(socket, 500) is None
    assert execute(kc, "print 1").stdout == "1\n"
    socket.close()
