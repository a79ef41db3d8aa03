"""`explore` in the Descent kernel: the widget messages (issue 23).

A cell with `explore` opens comms on the `jupyter.widget` target for a
`@jupyter-widgets/controls` SelectionSlider (and the layout and style
models it names), shows it with a widget-view display, and shows the start
frame with a `display_id`. A `comm_msg` "update" with another index, as a
widget manager sends when the slider moves, runs the block at that value
and replaces the frame with `update_display_data` under the same id.
"""

from kernel_support import TIMEOUT, execute, kernel, kernelspec, wait_idle  # noqa: F401

EXPLORE = """weight = 0.5; goal = 0.8; input = 0.5
explore alpha from 1 to 40 start 18 {
  train 20 alpha alpha / 100
  print "alpha", alpha, "weight", weight
  plot error
}"""


def send_update(kc, comm_id, index):
    """What a widget manager sends when the slider moves to `index`."""
    msg = kc.session.msg("comm_msg", {
        "comm_id": comm_id, "data": {"method": "update", "state": {"index": index}, "buffer_paths": []}})
    kc.shell_channel.send(msg)
    return wait_idle(kc, msg["header"]["msg_id"])


def frame_text(content):
    return content["data"]["text/plain"].split("\n")[0]


def test_explore_opens_a_slider_and_an_update_replaces_the_frame(kernel):
    _, kc = kernel
    cell = execute(kc, EXPLORE)
    assert cell.content["status"] == "ok"
    opens = cell.of_type("comm_open")
    assert [o["target_name"] for o in opens] == ["jupyter.widget"] * 3
    # The widget protocol version rides in the message's metadata.
    assert [m["metadata"]["version"] for m in cell.messages if m["msg_type"] == "comm_open"] == ["2.1.0"] * 3
    models = {o["data"]["state"]["_model_name"]: o for o in opens}
    assert set(models) == {"LayoutModel", "SliderStyleModel", "SelectionSliderModel"}
    slider = models["SelectionSliderModel"]
    state = slider["data"]["state"]
    assert state["_model_module"] == "@jupyter-widgets/controls"
    assert state["_options_labels"] == [str(n) for n in range(1, 41)]
    assert state["index"] == 17 and state["description"] == "alpha"
    assert state["layout"] == "IPY_MODEL_" + models["LayoutModel"]["comm_id"]
    assert state["style"] == "IPY_MODEL_" + models["SliderStyleModel"]["comm_id"]

    displays = cell.of_type("display_data")
    view = displays[0]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == slider["comm_id"] and view["version_major"] == 2
    frame = displays[1]
    display_id = frame["transient"]["display_id"]
    assert frame_text(frame).startswith("alpha 18 weight ")
    assert "<svg" in frame["data"]["text/html"]

    messages = send_update(kc, slider["comm_id"], 24)
    updates = [m["content"] for m in messages if m["msg_type"] == "update_display_data"]
    assert len(updates) == 1
    assert updates[0]["transient"]["display_id"] == display_id
    assert frame_text(updates[0]).startswith("alpha 25 weight ")
    assert frame_text(updates[0]) != frame_text(frame)
    # No reply on the shell channel: comm messages have none.
    assert not kc.shell_channel.msg_ready()

    # A slider is a view: the variables are still the start frame's, and
    # a variable set by a later cell survives a move.
    assert execute(kc, "alpha").results == ["18"]
    execute(kc, "later = 7")
    send_update(kc, slider["comm_id"], 34)
    assert execute(kc, "print alpha, later").stdout == "18 7\n"
    info = kc.comm_info(target_name="jupyter.widget")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == info
    assert slider["comm_id"] in reply["content"]["comms"]


def test_a_frame_that_fails_shows_its_error_and_the_others_still_work(kernel):
    _, kc = kernel
    cell = execute(kc, "explore a from 1 to 3 { print 6 / (a - 2) }")
    slider = next(o for o in cell.of_type("comm_open") if o["data"]["state"]["_model_name"] == "SelectionSliderModel")
    assert frame_text(cell.of_type("display_data")[1]) == "-6.0"
    failed = [m["content"] for m in send_update(kc, slider["comm_id"], 1) if m["msg_type"] == "update_display_data"]
    assert "error: division by zero" in failed[0]["data"]["text/plain"]
    assert "In[1]:1:31" in failed[0]["data"]["text/plain"]
    worked = [m["content"] for m in send_update(kc, slider["comm_id"], 2) if m["msg_type"] == "update_display_data"]
    assert frame_text(worked[0]) == "6.0"
    # The kernel is still well: a later cell runs.
    assert execute(kc, "print a").stdout == "1\n"


def test_a_comm_opened_to_an_unknown_target_is_closed(kernel):
    _, kc = kernel
    msg = kc.session.msg("comm_open", {"comm_id": "c1", "target_name": "nobody", "data": {}})
    kc.shell_channel.send(msg)
    closes = [m["content"] for m in wait_idle(kc, msg["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
    assert closes == [{"comm_id": "c1", "data": {}}]
