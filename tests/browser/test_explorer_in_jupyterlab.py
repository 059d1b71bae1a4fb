"""The explorer in a real browser: JupyterLab on 127.0.0.1, headless Debian Chromium.

Starts JupyterLab from the project's environment on a copy of notebook 05
(so the repository's notebook is never modified by autosave), opens it in
headless Chromium driven by Selenium and Debian's chromedriver (no browser
download), runs every cell, changes the outlet menu of the explorer, and
checks that the keyword-in-context table is right to left and updates.  A
screenshot is kept in ``test-artifacts/``.  ``.ci/run`` installs chromium and
chromium-driver; elsewhere the test is skipped with a message when they are
missing.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from analysis.paths import project_root

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
NOTEBOOK = "05_validate_and_explore.ipynb"
ARTIFACTS = project_root() / "test-artifacts"

pytestmark = pytest.mark.browser


def _need_browser():
    if CHROMIUM and CHROMEDRIVER:
        return
    message = "chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message + "; .ci/run installs them")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    _need_browser()
    pytest.importorskip("selenium")
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(project_root() / "notebooks" / NOTEBOOK, folder / NOTEBOOK)
    port, token = _free_port(), secrets.token_hex(16)
    # No news or update prompts in the screenshot (they would also ask the network).
    settings = folder / ".lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8"
    )
    env = {
        **os.environ,
        "FRAMING_PROJECT_ROOT": str(project_root()),
        "JUPYTER_CONFIG_DIR": str(folder / ".config"),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / ".lab-settings"),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--ServerApp.token={token}",
            f"--ServerApp.root_dir={folder}",
            "--LabApp.expose_app_in_browser=True",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],  # CI runs as root
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab did not start: {server.stderr.read()[-2000:]}")
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not answer within 60 s")
    yield url, token
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1800",
        "--lang=ar",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _wait(predicate, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


KWIC_HTML = """
const tables = [...document.querySelectorAll('table[dir="rtl"]')];
return tables.length ? tables[0].outerHTML : null;
"""


def test_explorer_updates_right_to_left(jupyterlab, browser):
    url, token = jupyterlab
    browser.get(f"{url}/lab/tree/{NOTEBOOK}?token={token}")
    _wait(
        lambda: browser.execute_script(
            "return !!(window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel)"
        ),
        120,
        "the notebook and its kernel",
    )
    browser.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells');")
    before = _wait(lambda: browser.execute_script(KWIC_HTML), 180, "the explorer's keyword-in-context table")
    assert 'dir="rtl"' in before and "<mark>" in before
    menu = _wait(
        lambda: browser.execute_script(
            "const s = [...document.querySelectorAll('.widget-dropdown select')];return s.length ? true : null;"
        ),
        60,
        "the explorer's menus",
    )
    assert menu
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    outlet = Select(browser.find_elements(By.CSS_SELECTOR, ".widget-dropdown select")[0])
    choices = [o.text for o in outlet.options]
    assert "aawsat" in choices, choices
    outlet.select_by_visible_text("alriyadh")
    after = _wait(
        lambda: (lambda h: h if h and h != before else None)(browser.execute_script(KWIC_HTML)),
        60,
        "the table to change after choosing an outlet",
    )
    assert 'dir="rtl"' in after
    direction = browser.execute_script(
        "return getComputedStyle(document.querySelector('table[dir=\"rtl\"]')).direction;"
    )
    assert direction == "rtl"
    ARTIFACTS.mkdir(exist_ok=True)
    explorer = browser.find_element(By.CSS_SELECTOR, ".widget-vbox")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", explorer)
    time.sleep(0.5)
    browser.save_screenshot(str(ARTIFACTS / "explorer_in_jupyterlab.png"))
    assert (ARTIFACTS / "explorer_in_jupyterlab.png").stat().st_size > 10_000
