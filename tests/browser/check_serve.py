"""`studyforge serve` in a real headless Chromium: an edit to a source shows
in the open page within 2 s without a manual reload; a source that fails to
parse shows its error (file, line) over the page and fixing it clears it;
paths outside out/ (`..`, encoded or not, symlinks) get 403 or 404; the
reload script is never written to out/; Ctrl-C stops the server.

The same run measures edit-to-reload latency: from just before the source
file is written to the moment the reloaded page has its content
(`domContentLoadedEventEnd`, on the same clock), over --rounds edits of a
seed-sized document with every format on.

Usage: python3 tests/browser/check_serve.py STUDYFORGE [--seed FILE] [--rounds N]
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium.webdriver.common.by import By

from browser import ROOT, Checks, chromium, console_errors

BROKEN_MAP = '<map version="0.9.0">\n<node TEXT="Roto">\n<node TEXT="sin cerrar"\n</map>\n'


class Server:
    """`studyforge serve` on a free port, its stderr collected."""

    def __init__(self, binary, cwd):
        self.lines = []
        self.process = subprocess.Popen([binary, "serve", "src", "--out", "out", "--port", "0"], cwd=cwd,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for("serving ", 120).split(" at ", 1)[1].split(",", 1)[0]

    def _read(self):
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def _wait_for(self, prefix, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in self.lines:
                if line.startswith(prefix):
                    return line
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise SystemExit(f"serve did not print {prefix!r}: {self.lines}")

    def status(self, path):
        host, port = self.url[len("http://"):].rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", path)  # sent exactly as written: no client-side normalisation
        return conn.getresponse().status

    def state(self):
        """The server's build state, as the first event of its stream."""
        host, port = self.url[len("http://"):].rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", "/__studyforge/events")
        response = conn.getresponse()
        while True:
            line = response.fp.readline().decode("utf-8")
            if line.startswith("data: "):
                conn.close()
                return json.loads(line[len("data: "):])

    def idle(self, timeout=30):
        """Wait for the build under way (if any) to end."""
        time.sleep(0.1)  # a change just written is seen first
        return wait_until(lambda: not self.state()["building"], timeout)

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def slug_of(work, source_name):
    manifest = json.loads((work / "out/.studyforge-manifest.json").read_text())
    return next(e["slug"] for s, e in manifest["sources"].items() if s.endswith(source_name))


def wait_until(predicate, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except Exception:  # the page is reloading under us
            pass
        time.sleep(0.01)
    return False


def page_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def overlay(driver):
    found = driver.find_elements(By.ID, "studyforge-overlay")
    return found[0].text if found else None


def loaded_at_ms(driver):
    return driver.execute_script("const n = performance.getEntriesByType('navigation')[0];"
                                 "return performance.timeOrigin + n.domContentLoadedEventEnd;")


def check_live_reload(driver, server, work, checks):
    mm = work / "src/sistema-solar.mm"
    original = mm.read_text(encoding="utf-8")
    driver.get(server.url + slug_of(work, "sistema-solar.mm") + "/index.html")
    checks.check("Mercurio" in page_text(driver), "served page shows the document")
    checks.check(wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 5),
                 "page loaded")
    time.sleep(0.3)  # the event stream is open
    started = time.monotonic()
    mm.write_text(original.replace("el más cercano al Sol", "marcador de recarga"), encoding="utf-8")
    shown = wait_until(lambda: "marcador de recarga" in page_text(driver), 2)
    checks.check(shown, f"edit shown without a manual reload within 2 s ({time.monotonic() - started:.2f} s)")
    server.idle()
    mm.write_text(BROKEN_MAP, encoding="utf-8")
    checks.check(wait_until(lambda: overlay(driver) is not None, 3), "a source that fails to parse shows the overlay")
    text = overlay(driver) or ""
    checks.check("sistema-solar.mm" in text and ":" in text, f"overlay names the file and line: {text!r}")
    checks.check("marcador de recarga" in page_text(driver), "the last good build stays under the overlay")
    server.idle()
    mm.write_text(original, encoding="utf-8")
    checks.check(wait_until(lambda: overlay(driver) is None and "el más cercano al Sol" in page_text(driver), 3),
                 "fixing the source clears the overlay and shows the fix")
    checks.check(not console_errors(driver), "no console errors while reloading")
    server.idle()


def measure_latency(driver, server, work, seed_name, rounds):
    server.idle()
    seed = work / "src" / seed_name
    original = seed.read_text(encoding="utf-8")
    driver.get(server.url + slug_of(work, seed_name) + "/index.html")
    time.sleep(0.3)
    latencies = []
    for n in range(rounds):
        marker = f"marca{n}xq"
        before = loaded_at_ms(driver)
        written_ms = time.time() * 1000
        seed.write_text(original + f"\n\nUna línea nueva con la {marker}.\n", encoding="utf-8")
        if not wait_until(lambda: marker in page_text(driver) and loaded_at_ms(driver) != before, 5):
            latencies.append(float("inf"))
            continue
        latencies.append(loaded_at_ms(driver) - written_ms)
        server.idle()  # the PDFs of this edit are done before the next one
    return latencies


def check_paths(server, work, checks):
    (work / "secret.txt").write_text("not for the web")
    os.symlink(work / "secret.txt", work / "out/link.txt")
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/x/..%2f..%2fsecret.txt",
                 "/link.txt", "/..%5csecret.txt"]:
        status = server.status(path)
        checks.check(status in (400, 403, 404), f"{path} refused ({status})")
    checks.check(server.status("/") == 200, "the course site is served at /")
    written = [p for p in (work / "out").glob("**/*.html") if "EventSource" in p.read_text(encoding="utf-8")]
    checks.check(not written, f"the reload script is never written to out/: {written}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("studyforge", type=Path)
    parser.add_argument("--seed", type=Path, default=ROOT / "../shared/seeds/001_c258dcc7d559e6e6.txt")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="studyforge-serve-"))
    (work / "src").mkdir()
    shutil.copy(ROOT / "sources/sistema-solar.mm", work / "src")
    seed = args.seed if args.seed.exists() else ROOT / "sources/fotosintesis-apuntes.txt"
    shutil.copy(seed, work / "src")
    checks = Checks()
    server = Server(str(args.studyforge.resolve()), work)
    try:
        with chromium() as driver:
            check_live_reload(driver, server, work, checks)
            latencies = measure_latency(driver, server, work, seed.name, args.rounds)
        shown = [round(x) if x != float("inf") else "timeout" for x in sorted(latencies)]
        print(f"edit-to-reload latency over {len(latencies)} edits of {seed.name} (every format): "
              f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms, all {shown}")
        checks.check(max(latencies) < 2000, "every measured edit shows within 2 s")
        check_paths(server, work, checks)
    finally:
        code = server.stop()
    checks.check(code == 0 and any(l == "stopped" for l in server.lines), f"Ctrl-C stops cleanly (exit {code})")
    shutil.rmtree(work, ignore_errors=True)
    return checks.finish("browser serve")


if __name__ == "__main__":
    sys.exit(main())
