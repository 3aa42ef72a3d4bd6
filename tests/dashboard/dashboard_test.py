#!/usr/bin/env python3
"""End-to-end test of `traject report html`: the dashboard rendered in headless Chromium.

Runs the real traject binary on temporary databases (a small demo data set, one with hostile
names, an empty one and, when --test-plugins is given, one whose programme's plugin is missing),
writes each dashboard, loads it in headless Chromium driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: fds 3 and 4, JSON messages separated by NUL bytes) and checks in the
page that every chart is drawn: its <svg> has a size and at least so many data marks of non-zero
size, each with a tooltip; axis labels and, where several series, a legend are there; no text
sticks out of its chart or overlaps another label; no network request was made; nothing was
logged as an error; the title names the organisation. Also checks the CLI side: escaping,
refusals (--csv, --json, a missing plugin), the exit codes and that a failure writes no file.

Python 3 standard library only. Exits 0 when every check passed, 1 with each failure named
otherwise. Chromium that is missing or cannot start is a failure, never a skip.

Usage: dashboard_test.py --traject BIN --plugins DIR [--test-plugins DIR] [--chromium PATH]
                         [--screenshot PNG] [--keep DIR]
"""

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

AS_OF = "2026-06-30"  # the demo's as-of date: the same data, and so the same page, every run
WIDTH = 1200  # the viewport, and the screenshot's width

# Each chart of the page (data-chart ids, cli/cmd_report_html.cc) and, for the demo data set,
# how many data marks it must draw at least, and how many legend entries (its series; 0: none).
CHARTS = {
    "placements-per-month": {"demo_marks": 36, "legend": 3},
    "outcome-funnel": {"demo_marks": 7, "legend": 0},
    "duurzame-uitstroom": {"demo_marks": 20, "legend": 2},
    "subsidy-commitments": {"demo_marks": 24, "legend": 3},
    "subsidy-employers": {"demo_marks": 5, "legend": 0},
    "caseload-klantmanager": {"demo_marks": 10, "legend": 0},
    "cohort-per-area": {"demo_marks": 22 * 6, "legend": 6},
}

HOSTILE_EMPLOYER = '<b>&"x"'
HOSTILE_AREA = "<i>Zuid & 'Oost'</i>"
HOSTILE_KLANTMANAGER = "K. <script>alert(1)</script>"
HOSTILE_ORG = 'Gemeente <A&B> "Test"'

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, flush=True)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


# --- traject --------------------------------------------------------------------------------


class Traject:
    def __init__(self, binary, plugins):
        self.binary = binary
        self.plugins = plugins

    def run(self, db, *args, plugins=True, env=None):
        command = [self.binary, "--db", db]
        if plugins:
            command += ["--plugins", self.plugins]
        command += list(args)
        result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL, env=env)
        return result

    def ok(self, db, *args, **kwargs):
        result = self.run(db, *args, **kwargs)
        if result.returncode != 0:
            raise RuntimeError("traject %s failed (exit %d): %s" %
                               (" ".join(args), result.returncode, result.stderr.strip()))
        return result


# --- Chromium over the DevTools protocol on a pipe --------------------------------------------


class Browser:
    """Headless Chromium with --remote-debugging-pipe: commands go to its fd 3, responses and
    events come from its fd 4, each a JSON object followed by a NUL byte."""

    def __init__(self, chromium, profile):
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # The child's fds 3 and 4, whatever numbers the pipes got here: moved out of the way
        # first, then into place.
        def child_fds():
            high_r = os.dup(to_browser_r) if to_browser_r < 10 else to_browser_r
            high_w = os.dup(from_browser_w) if from_browser_w < 10 else from_browser_w
            os.dup2(high_r, 20)
            os.dup2(high_w, 21)
            os.dup2(20, 3, inheritable=True)
            os.dup2(21, 4, inheritable=True)
            os.close(20)
            os.close(21)

        self.log = open(os.path.join(profile, "chromium.log"), "w+")
        command = [
            chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            # Any host name resolves to nothing: a request that slipped through would fail
            # (and be seen) rather than reach the network.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=" + os.path.join(profile, "user-data"),
            "--remote-debugging-pipe", "--window-size=%d,900" % WIDTH, "about:blank",
        ]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT, preexec_fn=child_fds,
                                        close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.out = os.fdopen(to_browser_w, "wb", buffering=0)
        self.inp = os.fdopen(from_browser_r, "rb", buffering=0)
        self.messages = queue.Queue()
        self.events = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            chunk = self.inp.read(65536)
            if not chunk:
                self.messages.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self.messages.put(json.loads(message))

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-3000:]

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self.out.write(json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            time.sleep(0.5)
            raise RuntimeError("Chromium closed its DevTools pipe (exit code %s); its output:\n%s"
                               % (self.process.poll(), self.output()))
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("Chromium did not answer %s within %d s" % (method, timeout))
            try:
                reply = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if reply is None:
                raise RuntimeError("Chromium exited (code %s); its output:\n%s" %
                                   (self.process.poll(), self.output()))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while time.monotonic() < deadline:
            try:
                reply = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                continue
            if reply is None:
                raise RuntimeError("Chromium exited; its output:\n" + self.output())
            self.events.append(reply)
            if reply.get("method") == method and reply.get("sessionId") == session:
                return reply
        raise RuntimeError("no %s within %d s" % (method, timeout))

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def start_browser(chromium, profile):
    browser = Browser(chromium, profile)
    try:
        version = browser.send("Browser.getVersion", timeout=60)
    except Exception as error:
        browser.close()
        raise RuntimeError("headless Chromium (%s) did not start: %s" % (chromium, error))
    print("browser: " + version.get("product", "?"), flush=True)
    return browser


# The page check, run in the page: returns {"problems": [...], "charts": {id: {...}}}.
PAGE_CHECK = r"""
((charts) => {
  const problems = [];
  const result = {};
  const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 &&
                             a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const [id, want] of Object.entries(charts)) {
    const fig = document.querySelector(`figure[data-chart="${id}"]`);
    if (!fig) { problems.push(`${id}: no figure[data-chart="${id}"] on the page`); continue; }
    const caption = fig.querySelector('figcaption');
    if (!caption || !caption.textContent.trim()) problems.push(`${id}: no figcaption`);
    const svg = fig.querySelector('svg');
    if (!svg) { problems.push(`${id}: no <svg>`); continue; }
    const box = svg.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) problems.push(`${id}: its <svg> has no size`);
    const marks = [...svg.querySelectorAll('.mark')];
    const drawn = marks.filter((m) => {
      const b = m.getBoundingClientRect();
      return m.tagName === 'path' ? (b.width > 0 || b.height > 0) : (b.width > 0 && b.height > 0);
    });
    const untitled = marks.filter((m) => {
      const t = m.querySelector('title');
      return !t || !t.textContent.trim();
    });
    if (untitled.length) problems.push(`${id}: ${untitled.length} marks without a <title> tooltip`);
    const empty = fig.dataset.empty === 'true';
    const noData = [...svg.querySelectorAll('.no-data')].filter(visible);
    if (empty && noData.length !== 1) problems.push(`${id}: empty, but no visible "no data"`);
    if (!empty && noData.length) problems.push(`${id}: says "no data" but is not marked empty`);
    if (!empty && drawn.length < want.marks) {
      problems.push(`${id}: ${drawn.length} drawn marks, expected at least ${want.marks}`);
    }
    if (want.empty !== undefined && want.empty !== empty) {
      problems.push(`${id}: data-empty is ${empty}, expected ${want.empty}`);
    }
    if (![...svg.querySelectorAll('.axis-label')].some((t) => t.textContent.trim() && visible(t))) {
      problems.push(`${id}: no axis label`);
    }
    if (!empty && ![...svg.querySelectorAll('.tick-label')].some(visible)) {
      problems.push(`${id}: no axis tick labels`);
    }
    const legend = [...svg.querySelectorAll('.legend-item')].filter(visible);
    if (!empty && legend.length < want.legend) {
      problems.push(`${id}: ${legend.length} legend entries, expected ${want.legend} or more`);
    }
    // Text inside the chart, and labels not on top of each other.
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBoundingClientRect();
      if (b.width === 0) continue;
      if (b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 ||
          b.bottom > box.bottom + 1) {
        problems.push(`${id}: text "${t.textContent}" sticks out of the chart`);
      }
    }
    for (const cls of ['tick-label', 'row-label', 'value-label', 'legend-item', 'axis-label']) {
      const items = [...svg.querySelectorAll('.' + cls)].filter(visible)
                        .map((e) => [e, e.getBoundingClientRect()]);
      for (let i = 0; i < items.length; ++i) {
        for (let j = i + 1; j < items.length; ++j) {
          if (overlaps(items[i][1], items[j][1])) {
            problems.push(`${id}: ${cls} "${items[i][0].textContent}" overlaps "${items[j][0].textContent}"`);
          }
        }
      }
    }
    result[id] = {marks: drawn.length, empty, legend: legend.length,
                  rulesMissing: fig.dataset.rulesMissing || '',
                  width: Math.round(box.width), height: Math.round(box.height)};
  }
  const figures = [...document.querySelectorAll('figure[data-chart]')].map((f) => f.dataset.chart);
  for (const id of figures) if (!(id in charts)) problems.push(`unexpected chart ${id}`);
  // Nothing wider than its box: the headline numbers, captions, the heading.
  for (const el of document.querySelectorAll('.headline th, .headline td, figcaption, header')) {
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`"${el.textContent.trim().slice(0, 40)}" is wider than its box`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`the page is wider (${document.documentElement.scrollWidth}px) than the window`);
  }
  return {problems, charts: result, title: document.title,
          text: document.body.textContent, banners: document.querySelectorAll('.banner').length,
          injected: document.querySelectorAll('body b, body i, script, img, link, iframe, object').length,
          height: Math.ceil(document.documentElement.scrollHeight)};
})
"""


def render(browser, html_path, expectations, screenshot=None):
    """Loads the file in a fresh tab and runs PAGE_CHECK; returns its result."""
    url = "file://" + urllib.parse.quote(os.path.abspath(html_path))
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"]
    for domain in ("Page", "Network", "Runtime", "Log"):
        browser.send(domain + ".enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                 session=session)
    first_event = len(browser.events)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_event("Page.loadEventFired", session)
    expression = PAGE_CHECK + "(" + json.dumps(expectations) + ")"
    evaluated = browser.send("Runtime.evaluate", {"expression": expression,
                                                  "returnByValue": True}, session=session)
    if "exceptionDetails" in evaluated:
        raise RuntimeError("the page check threw: %s" % evaluated["exceptionDetails"])
    page = evaluated["result"]["value"]
    # What the page did: requests, failures, console errors, exceptions.
    page["requests"], page["errors"] = [], []
    for event in browser.events[first_event:]:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            page["requests"].append(params["request"]["url"])
        elif method == "Network.loadingFailed":
            page["errors"].append("load failed: %s" % params.get("errorText"))
        elif method == "Runtime.exceptionThrown":
            page["errors"].append("exception: %s" % params["exceptionDetails"].get("text"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            page["errors"].append("console.%s: %s" % (
                params["type"], " ".join(str(a.get("value", "")) for a in params.get("args", []))))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            page["errors"].append("log: %s" % params["entry"].get("text"))
    if screenshot:
        height = page["height"]
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        shot = browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}},
            session=session, timeout=60)
        import base64
        with open(screenshot, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        print("screenshot: %s (%d x %d px, %d bytes)" % (screenshot, WIDTH, height,
                                                         os.path.getsize(screenshot)), flush=True)
    browser.send("Target.closeTarget", {"targetId": target})
    page["url"] = url
    return page


def check_page(name, page, title_part):
    for problem in page["problems"]:
        fail("%s: %s" % (name, problem))
    others = [u for u in page["requests"] if u != page["url"]]
    check(not others, "%s: the page made network requests: %s" % (name, others))
    check(not page["errors"], "%s: errors while loading: %s" % (name, page["errors"]))
    check(title_part in page["title"],
          "%s: title %r does not name %r" % (name, page["title"], title_part))
    check(page["injected"] == 0,
          "%s: %d elements came from data (b, i, script, img, link...)" % (name, page["injected"]))


def expect(marks=None, empty=None):
    out = {}
    for chart, spec in CHARTS.items():
        # Other data sets than the demo's: at least one mark, and a legend entry.
        out[chart] = {"marks": spec["demo_marks"] if marks is None else marks.get(chart, 1),
                      "legend": spec["legend"] if marks is None else min(spec["legend"], 1)}
        if empty is not None:
            out[chart]["empty"] = empty if isinstance(empty, bool) else chart in empty
    return out


# --- the scenarios ----------------------------------------------------------------------------


def demo_scenario(traject, browser, work, screenshot):
    db = os.path.join(work, "demo.db")
    traject.ok(db, "--as-of", AS_OF, "demo", "--participants", "1500", "--check-ins", "1")
    out = os.path.join(work, "dashboard.html")
    result = traject.ok(db, "--as-of", AS_OF, "report", "html", out)
    check(result.stdout.startswith("Wrote " + out + ": ") and result.stdout.count("\n") == 1,
          "demo: expected one line 'Wrote %s: ...', got %r" % (out, result.stdout))
    html = open(out, encoding="utf-8").read()
    check("<script" not in html.lower(), "demo: the page has a script")
    for forbidden in ("http://", "https://", "//fonts.", "url("):
        # The SVG namespace is the only URL the file may hold; it is a name, never loaded.
        rest = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        check(forbidden not in rest, "demo: the page refers to %r" % forbidden)
    page = render(browser, out, expect(empty=False), screenshot)
    check_page("demo", page, "Gemeente Amsterdam")
    check("as of " + AS_OF in page["title"], "demo: title %r lacks the as-of date" % page["title"])
    check("window 2023-07-01 to 2026-06-30" in page["text"], "demo: the window is not stated")
    for chart, seen in sorted(page["charts"].items()):
        print("  %-22s %4d marks  %4d x %-4d px" % (chart, seen["marks"], seen["width"],
                                                  seen["height"]), flush=True)

    # Overwriting works, leaves no temporary file, and the same data gives the same page.
    traject.ok(db, "--as-of", AS_OF, "report", "html", out)
    check(open(out, encoding="utf-8").read() == html, "demo: a second run wrote another page")
    leftovers = [n for n in os.listdir(work) if n.startswith(".dashboard.html.")]
    check(not leftovers, "demo: a temporary file was left: %s" % leftovers)
    # --as-recorded is stated (today: the demo was recorded today).
    recorded = os.path.join(work, "recorded.html")
    today = time.strftime("%Y-%m-%d")
    traject.ok(db, "--as-recorded", today, "--as-of", AS_OF, "report", "html", recorded)
    recorded_html = open(recorded, encoding="utf-8").read()
    check("as recorded on " + today in recorded_html,
          "demo: --as-recorded is not stated on the page")
    check(recorded_html.count('data-empty="true"') == 0,
          "demo: as recorded today, charts are empty")


def large_scenario(traject, browser, work):
    # More klantmanagers than the caseload chart lists (it shows the extremes), and amounts in
    # millions on the money axes: still nothing overlaps or sticks out.
    db = os.path.join(work, "large.db")
    traject.ok(db, "--as-of", AS_OF, "demo", "--participants", "6000", "--check-ins", "0",
               "--seed", "7")
    out = os.path.join(work, "large.html")
    traject.ok(db, "--as-of", AS_OF, "report", "html", out)
    page = render(browser, out, expect(empty=False))
    check_page("large", page, "Gemeente Amsterdam")
    check("more" in page["text"] and "the 15 largest and the 15 smallest" in page["text"],
          "large: the caseload chart does not say it shows the extremes only")


def hostile_scenario(traject, browser, work):
    db = os.path.join(work, "hostile.db")
    steps = [
        ("init", "--org", "amsterdam", "--name", HOSTILE_ORG),
        ("participant", "add", "--ref", "P-1", "--area", HOSTILE_AREA, "--registered",
         "2024-01-08"),
        ("participant", "assign", "P-1", "--name", HOSTILE_KLANTMANAGER, "--date", "2024-01-08"),
        ("participant", "contact", "P-1", "--kind", "invited", "--date", "2024-01-10"),
        ("participant", "contact", "P-1", "--kind", "conversation", "--date", "2024-01-15"),
        ("trajectory", "start", "--ref", "P-1", "--programme", "zuidoostwerkt", "--track",
         "calibris-zorg", "--date", "2024-01-22"),
        ("milestone", "record", "1", "intake", "--date", "2024-02-01"),
        ("milestone", "record", "1", "vog", "--date", "2024-02-20", "--evidence", "VOG 1"),
        ("milestone", "record", "1", "start-wijkleerbedrijf", "--date", "2024-03-01"),
        ("milestone", "record", "1", "praktijkbeoordeling", "--date", "2024-07-15"),
        ("milestone", "record", "1", "praktijkverklaring", "--date", "2024-09-30"),
        ("placement", "record", "1", "--employer", HOSTILE_EMPLOYER, "--hours", "32", "--wage",
         "2450.00", "--start", "2024-10-01"),
        ("exit", "1", "--reason", "work", "--date", "2025-01-01"),
    ]
    for step in steps:
        traject.ok(db, *step)
    out = os.path.join(work, "hostile.html")
    traject.ok(db, "--as-of", AS_OF, "report", "html", out)
    html = open(out, encoding="utf-8").read()
    for raw, escaped in ((HOSTILE_EMPLOYER, "&lt;b&gt;&amp;&quot;x&quot;"),
                         (HOSTILE_AREA, "&lt;i&gt;Zuid &amp; &#39;Oost&#39;&lt;/i&gt;"),
                         (HOSTILE_KLANTMANAGER, "K. &lt;script&gt;alert(1)&lt;/script&gt;"),
                         (HOSTILE_ORG, "Gemeente &lt;A&amp;B&gt; &quot;Test&quot;")):
        check(raw not in html, "hostile: %r appears unescaped in the HTML" % raw)
        check(escaped in html, "hostile: %r does not appear escaped as %r" % (raw, escaped))
    page = render(browser, out, expect(marks={c: 1 for c in CHARTS}))
    check_page("hostile", page, HOSTILE_ORG)
    for raw in (HOSTILE_EMPLOYER, HOSTILE_KLANTMANAGER, HOSTILE_ORG):
        # Shown as text (a label, or the tooltip of a cut one): the name itself.
        check(raw in page["text"] or raw in page["title"],
              "hostile: %r is not shown as text" % raw)
    check(not page["charts"]["subsidy-employers"]["empty"], "hostile: the employer is not drawn")


def empty_scenario(traject, browser, work):
    db = os.path.join(work, "empty.db")
    traject.ok(db, "init", "--org", "leeg", "--name", "Lege Gemeente")
    out = os.path.join(work, "empty.html")
    result = traject.ok(db, "--as-of", AS_OF, "report", "html", out)
    check("(7 without data)" in result.stdout, "empty: stdout %r" % result.stdout)
    page = render(browser, out, expect(empty=True))
    check_page("empty", page, "Lege Gemeente")


def cli_scenario(traject, work):
    db = os.path.join(work, "demo.db")  # from the demo scenario
    out = os.path.join(work, "refused.html")
    for flag in ("--csv", "--json"):
        result = traject.run(db, flag, "report", "html", out)
        check(result.returncode == 3, "cli: %s: exit %d, expected 3" % (flag, result.returncode))
        check(flag + " does not apply" in result.stderr, "cli: %s: stderr %r" % (flag, result.stderr))
    result = traject.run(db, "--as-of", AS_OF, "report", "html", out, "--from", "2026-07-01")
    check(result.returncode == 3 and "after the as-of date" in result.stderr,
          "cli: --from after --as-of: exit %d, %r" % (result.returncode, result.stderr))
    missing_dir = os.path.join(work, "no-such-dir", "x.html")
    result = traject.run(db, "report", "html", missing_dir)
    check(result.returncode == 4 and "no directory" in result.stderr,
          "cli: a missing directory: exit %d, %r" % (result.returncode, result.stderr))
    result = traject.run(db, "report", "html", work)
    check(result.returncode == 3 and "is a directory" in result.stderr,
          "cli: a directory as OUT: exit %d, %r" % (result.returncode, result.stderr))
    result = traject.run(db, "report", "html")
    check(result.returncode == 2, "cli: no OUT: exit %d, expected 2" % result.returncode)
    check(not os.path.exists(out), "cli: a refused command wrote %s" % out)
    leftovers = [n for n in os.listdir(work) if n.startswith(".")]
    check(not leftovers, "cli: temporary files left: %s" % leftovers)


def missing_plugin_scenario(traject, browser, work, test_plugins):
    # A programme whose plugin is loaded while the data is made and not when reporting.
    db = os.path.join(work, "missing.db")
    extra = ["--plugins", test_plugins]
    traject.ok(db, "init", "--org", "amsterdam")
    for step in (("participant", "add", "--ref", "P-1", "--registered", "2024-01-01"),
                 ("trajectory", "start", "--ref", "P-1", "--programme", "throws-rules",
                  "--track", "werk", "--date", "2024-01-02"),
                 ("milestone", "record", "1", "intake", "--date", "2024-01-03"),
                 ("placement", "record", "1", "--employer", "X", "--hours", "30", "--wage",
                  "2000", "--start", "2024-02-01")):
        traject.ok(db, *(extra + list(step)))
    out = os.path.join(work, "missing.html")
    refused = traject.run(db, "--as-of", "2024-06-30", "report", "html", out)
    check(refused.returncode == 7, "missing plugin: exit %d, expected 7" % refused.returncode)
    check("no plugin is loaded for programme 'throws-rules'" in refused.stderr and
          "--allow-missing-plugins" in refused.stderr,
          "missing plugin: stderr %r" % refused.stderr)
    check(not os.path.exists(out), "missing plugin: the refused command wrote %s" % out)
    flagged = traject.run(db, "--as-of", "2024-06-30", "--allow-missing-plugins", "report",
                          "html", out)
    check(flagged.returncode == 0, "missing plugin, allowed: exit %d: %s" %
          (flagged.returncode, flagged.stderr))
    check("WARNING: no plugin loaded for throws-rules" in flagged.stderr,
          "missing plugin, allowed: no warning in %r" % flagged.stderr)
    page = render(browser, out, expect(marks={c: 1 for c in CHARTS}))
    check_page("missing plugin", page, "amsterdam")
    check(page["banners"] == 1, "missing plugin: no warning banner on the page")
    for chart in ("subsidy-commitments", "subsidy-employers"):
        check(page["charts"][chart]["rulesMissing"] == "throws-rules",
              "missing plugin: %s is not marked (data-rules-missing=%r)" %
              (chart, page["charts"][chart]["rulesMissing"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--traject", required=True, help="the traject binary")
    parser.add_argument("--plugins", required=True, help="the bundled plugins' directory")
    parser.add_argument("--test-plugins", help="a directory with the throws-rules test plugin")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--screenshot", help="write a full-page PNG of the demo dashboard here")
    parser.add_argument("--keep", help="keep the databases and pages in this new or empty "
                        "directory")
    args = parser.parse_args()

    started = time.monotonic()
    chromium = shutil.which(args.chromium) or (args.chromium if os.path.exists(args.chromium)
                                               else None)
    if not chromium:
        print("FAIL: Chromium is not installed (%s not found): the dashboard test needs it; run "
              "scripts/install-deps.sh --with-tests" % args.chromium, flush=True)
        return 1
    for path, what in ((args.traject, "traject binary"), (args.plugins, "plugin directory")):
        if not os.path.exists(path):
            print("FAIL: no %s at %s: build traject-cli and the bundled plugins" % (what, path))
            return 1
    traject = Traject(os.path.abspath(args.traject), os.path.abspath(args.plugins))
    if args.keep and os.path.isdir(args.keep) and os.listdir(args.keep):
        print("FAIL: --keep %s: give a new or empty directory (the databases are made anew)" %
              args.keep)
        return 1
    work = args.keep or tempfile.mkdtemp(prefix="traject-dashboard-")
    os.makedirs(work, exist_ok=True)
    profile = os.path.join(work, "browser")
    os.makedirs(profile, exist_ok=True)
    browser = None
    try:
        try:
            browser = start_browser(chromium, profile)
        except Exception as error:
            fail(str(error))
            return 1
        scenarios = [
            ("demo", lambda: demo_scenario(traject, browser, work, args.screenshot)),
            ("large data set", lambda: large_scenario(traject, browser, work)),
            ("hostile names", lambda: hostile_scenario(traject, browser, work)),
            ("empty database", lambda: empty_scenario(traject, browser, work)),
            ("command line", lambda: cli_scenario(traject, work)),
        ]
        if args.test_plugins and os.path.isdir(args.test_plugins):
            scenarios.append(("missing plugin", lambda: missing_plugin_scenario(
                traject, browser, work, os.path.abspath(args.test_plugins))))
        elif args.test_plugins:
            print("note: no test plugin directory %s (build the traject_tests target): the "
                  "missing-plugin scenario is left out" % args.test_plugins, flush=True)
        for name, scenario in scenarios:
            before = len(failures)
            try:
                scenario()
            except Exception as error:
                fail("%s: %s" % (name, error))
            print("%s: %s" % ("ok" if len(failures) == before else "FAILED", name), flush=True)
    finally:
        if browser:
            browser.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("dashboard test: %.1f s" % (time.monotonic() - started))
    if failures:
        print("%d failures" % len(failures))
        return 1
    print("all %d scenarios passed" % len(scenarios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
