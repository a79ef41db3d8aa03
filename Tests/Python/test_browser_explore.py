"""`explore` seen in a real browser (issue 23): Debian's headless Chromium
driven by Selenium.

- JupyterLab (with jupyterlab_widgets, the widget manager) runs the
  article lesson's explore cell in the Descent kernel; the slider is drawn,
  moved with the keyboard, and the frame's text and chart change.
- The rendered article lesson (`descent render`): setting its range input
  by script shows another frame.

One JupyterLab server and one browser serve the whole module. Every wait
is for a state (an element present, a text changed), bounded by a timeout.
Nothing is skipped: scripts/setup installs chromium, chromium-driver and
JupyterLab, so a missing one is a failure. DESCENT_SCREENSHOTS=folder keeps
the screenshots there (docs/ holds the ones made so).
"""

import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait as _WebDriverWait


def WebDriverWait(driver, timeout):
    """A wait that reads through the frame being replaced: Jupyter swaps a
    display's elements on each update, so an element found a moment ago may
    be gone by the time its text is read; the condition is then asked again."""
    return _WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,))

from kernel_support import install_kernelspec

LOAD_TIMEOUT = 180  # JupyterLab's first load on a busy two-core machine
TIMEOUT = 60
LESSON = "01-single-weight-article"


def lesson_cells(repo_root):
    """The lesson's set-up cell (the network and its numbers) and its explore cell."""
    text = (repo_root / "Notebooks" / f"{LESSON}.md").read_text()
    cells = re.findall(r"```descent[^\n]*\n(.*?)```", text, re.S)
    setup = next(c for c in cells if c.startswith("def neural_network"))
    explore = next(c for c in cells if c.startswith("explore alpha"))
    return setup, explore


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def screenshot(driver, tmp_path, name):
    path = tmp_path / name
    driver.save_screenshot(str(path))
    keep = os.environ.get("DESCENT_SCREENSHOTS")
    if keep:
        shutil.copy(path, pathlib.Path(keep) / name)
    return path


@pytest.fixture(scope="module")
def browser():
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("Debian's chromium and chromium-driver are needed: run scripts/setup")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1200,1000"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def lab(descent_bin, repo_root, tmp_path_factory):
    """A JupyterLab on 127.0.0.1 with the Descent kernel and a notebook of
    the lesson's set-up and explore cells. Yields the notebook's URL."""
    root = tmp_path_factory.mktemp("lab")
    data = install_kernelspec(descent_bin, tmp_path_factory.mktemp("jupyter-prefix"))
    settings = root / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # No "get news?" popup over the cells.
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "descent", "display_name": "Descent", "language": "descent"}
    notebook.cells = [nbformat.v4.new_code_cell(code.rstrip("\n")) for code in lesson_cells(repo_root)]
    nbformat.write(notebook, str(root / "explore.ipynb"))
    port = free_port()
    env = dict(os.environ, JUPYTER_PATH=str(data), JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"), JUPYTER_RUNTIME_DIR=str(root / "runtime"))
    log = open(root / "lab.log", "w")
    server = subprocess.Popen(
        [str(pathlib.Path(sys.executable).parent / "jupyter-lab"), "--allow-root", "--no-browser",
         "--ip=127.0.0.1", f"--port={port}", "--IdentityProvider.token=", "--ServerApp.password=",
         f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + LOAD_TIMEOUT
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=5)
            break
        except OSError:
            assert server.poll() is None, (root / "lab.log").read_text()
            assert time.monotonic() < deadline, "JupyterLab did not answer"
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/lab/tree/explore.ipynb"
    server.terminate()
    server.wait(timeout=30)
    log.close()


def frame_text(driver):
    """The shown frame's text, found again if Jupyter replaced it meanwhile."""
    for _ in range(20):
        try:
            frames = driver.find_elements(By.CSS_SELECTOR, ".descent-explore-frame pre")
            return frames[0].text if frames else ""
        except StaleElementReferenceException:
            continue
    raise StaleElementReferenceException("the frame kept being replaced")


def chart_path(driver):
    """The drawn line of the frame's chart (its points), to see it change."""
    lines = driver.find_elements(By.CSS_SELECTOR, ".descent-explore-frame svg polyline")
    return max((line.get_attribute("points") or "" for line in lines), key=len, default="")


def test_jupyterlab_draws_the_slider_and_moving_it_changes_the_chart(browser, lab, tmp_path):
    browser.get(lab)
    WebDriverWait(browser, LOAD_TIMEOUT).until(lambda d: d.execute_script(
        "return !!(window.jupyterapp && Array.from(window.jupyterapp.shell.widgets('main'))"
        ".find(w => w.content && w.content.widgets))"))
    browser.execute_script(
        "const p = Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.content && w.content.widgets);"
        "p.sessionContext.ready.then(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));")
    wait = WebDriverWait(browser, LOAD_TIMEOUT)
    wait.until(lambda d: frame_text(d).startswith("rounds 7 weight 39.988"))
    handle = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".widget-slider .noUi-handle"))[0]
    readout = browser.find_element(By.CSS_SELECTOR, ".widget-slider .widget-readout")
    assert readout.text == "18"
    before = chart_path(browser)
    assert before

    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT)
    WebDriverWait(browser, TIMEOUT).until(lambda d: readout.text == "19" and not frame_text(d).startswith("rounds 7 "))
    assert frame_text(browser).startswith("rounds ")
    WebDriverWait(browser, TIMEOUT).until(lambda d: chart_path(d) != before)

    # On to 35, where the weight zig-zags for ever: the chart shows it.
    for _ in range(16):
        handle.send_keys(Keys.ARROW_RIGHT)
    WebDriverWait(browser, TIMEOUT).until(
        lambda d: readout.text == "35" and frame_text(d) == "rounds 20 weight 39.96 error 9.999999999999574e-05")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", handle)
    shot = screenshot(browser, tmp_path, "jupyterlab-explore.png")
    assert shot.stat().st_size > 10_000


def test_the_rendered_lesson_switches_frames_with_its_range_input(browser, descent_bin, repo_root, tmp_path):
    page = tmp_path / f"{LESSON}.html"
    subprocess.run([str(descent_bin), "render", str(repo_root / "Notebooks" / f"{LESSON}.md"), "-o", str(page)],
                   check=True, capture_output=True)
    browser.get(page.as_uri())
    box = WebDriverWait(browser, TIMEOUT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".descent-explore"))[0]

    def shown():
        return [f.text for f in box.find_elements(By.CSS_SELECTOR, ".frame") if f.is_displayed()]

    assert len(box.find_elements(By.CSS_SELECTOR, ".frame")) == 40
    assert len(shown()) == 1 and shown()[0].startswith("rounds 7 weight 39.988 error 0.0")
    browser.execute_script(
        "const input = arguments[0].querySelector('input[type=range]');"
        "input.value = 24; input.dispatchEvent(new Event('input'));", box)
    WebDriverWait(browser, TIMEOUT).until(lambda d: shown() and shown()[0].startswith("rounds 2 weight 40.0"))
    assert len(shown()) == 1
    assert box.find_element(By.CSS_SELECTOR, "output").text == "25"
    browser.execute_script(
        "const input = arguments[0].querySelector('input[type=range]');"
        "input.value = 34; input.dispatchEvent(new Event('input'));"
        "arguments[0].scrollIntoView()", box)
    WebDriverWait(browser, TIMEOUT).until(lambda d: shown() and shown()[0].startswith("rounds 20 weight 39.96"))
    shot = screenshot(browser, tmp_path, "rendered-explore.png")
    assert shot.stat().st_size > 10_000
