"""Headless Chromium through Selenium, with what every browser check needs:
the console and network logs, a phone-width viewport, and axe-core."""

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

# Selenium Manager must not try to fetch a browser or send statistics: the
# system Chromium and its driver are given by path.
os.environ.setdefault("SE_AVOID_STATS", "true")
os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests/js/node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit(f"none of {names} on PATH (apt-get install chromium chromium-driver)")


@contextmanager
def chromium():
    """A fresh browser (its own profile folder) that logs console and network."""
    profile = tempfile.mkdtemp(prefix="studyforge-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = find("chromium", "chromium-browser")
    for flag in FLAGS + [f"--user-data-dir={profile}", "--window-size=1280,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(find("chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver):
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def failed_requests(driver):
    """Requests the page sent that failed or got an error status, since the last call."""
    failed = []
    urls = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and params["requestId"] in urls:
            # Only requests a page sent: Chromium's own start-up requests
            # (never seen being sent) fail offline and are not the page's.
            if params.get("type") != "EventSource":
                failed.append(f"{params.get('errorText')} {urls[params['requestId']]}")
        elif message["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
            failed.append(f"{params['response']['status']} {params['response']['url']}")
    return failed


def viewport(driver, width, height=800, mobile=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def axe_violations(driver):
    """axe-core's WCAG 2.1 A/AA violations on the current page."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));", WCAG)
    return result


class Checks:
    """Counts checks and keeps failures, for a closing 'N passed, N failed'."""

    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
            print(f"FAIL {what}", flush=True)

    def finish(self, name):
        print(f"{name}: {self.passed} passed, {len(self.failures)} failed")
        return 1 if self.failures else 0


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

