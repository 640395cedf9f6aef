"""Every web page of a build, in a real headless Chromium: no console error,
no failed request, every internal link and anchor resolves, a self-test
answer opens on click, no horizontal scroll at 360 px, no axe-core WCAG 2.1
A/AA violation. Pages are served over HTTP from loopback, as a static host
(GitHub Pages) would serve them.

Usage: python3 tests/browser/check_pages.py OUT_DIR [--screenshots DIR]
"""

import argparse
import functools
import html.parser
import http.server
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By

from browser import Checks, axe_violations, chromium, console_errors, failed_requests, viewport


class Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id" and v)


@functools.lru_cache(maxsize=None)
def ids_of(url):
    with urllib.request.urlopen(url) as response:
        parser = Ids()
        parser.feed(response.read().decode("utf-8"))
        return frozenset(parser.ids)


def serve(root):
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def link_resolves(href):
    """A same-site link: the file answers 200, and its fragment is an id there."""
    url, _, fragment = href.partition("#")
    try:
        if not fragment:
            with urllib.request.urlopen(url) as response:
                response.read()
                return response.status == 200
        return urllib.parse.unquote(fragment) in ids_of(url)
    except urllib.error.HTTPError:
        return False


def check_page(driver, checks, base, url, shots):
    name = url[len(base):] or "index.html"
    viewport(driver, 1280, 900)
    driver.get(url)
    checks.check(driver.execute_script("return document.documentElement.lang") not in ("", None), f"{name}: lang set")
    links = driver.execute_script("return Array.from(document.links).map(a => a.href)")
    for href in sorted(set(h for h in links if h.startswith(base))):
        checks.check(link_resolves(href), f"{name}: link {href[len(base):]} resolves")
    if shots:
        driver.save_screenshot(str(shots / (name.replace("/", "_") + "-desktop.png")))
    answers = driver.find_elements(By.CSS_SELECTOR, ".selftest details")
    if answers:
        first = answers[0]
        answer = first.find_element(By.CSS_SELECTOR, ".answer")
        checks.check(not answer.is_displayed(), f"{name}: answer hidden before a click")
        first.find_element(By.TAG_NAME, "summary").click()
        checks.check(first.get_attribute("open") is not None and answer.is_displayed(), f"{name}: answer opens on click")
    violations = axe_violations(driver)
    checks.check(not violations, f"{name}: axe WCAG 2.1 A/AA at desktop width: {violations}")
    viewport(driver, 360, 780, mobile=True)
    driver.get(url)
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    checks.check(overflow <= 0, f"{name}: no horizontal scroll at 360 px (overflow {overflow} px)")
    violations = axe_violations(driver)
    checks.check(not violations, f"{name}: axe WCAG 2.1 A/AA at 360 px: {violations}")
    if shots:
        driver.save_screenshot(str(shots / (name.replace("/", "_") + "-phone.png")))
    errors = console_errors(driver)
    checks.check(not errors, f"{name}: no console errors: {errors}")
    failed = failed_requests(driver)
    checks.check(not failed, f"{name}: no failed requests: {failed}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--screenshots", type=Path)
    args = parser.parse_args()
    pages = sorted(p.relative_to(args.out).as_posix() for p in args.out.glob("**/index.html"))
    if "index.html" not in pages:
        sys.exit(f"{args.out}/index.html (the course site) is missing")
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.out)
    checks = Checks()
    try:
        with chromium() as driver:
            for page in pages:
                check_page(driver, checks, base, base + page, args.screenshots)
    finally:
        server.shutdown()
    print(f"{len(pages)} pages checked")
    return checks.finish("browser pages")


if __name__ == "__main__":
    sys.exit(main())
