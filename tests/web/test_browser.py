"""Browser tests: Debian's Chromium driven by Playwright against the real app on loopback.

Screenshots of the main pages go to docs/screenshots/ (shown in the README) when
SMARTPICK_UPDATE_SCREENSHOTS=1, otherwise to a temporary folder (so a test run leaves
the work tree as it was).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml

from smartpick.web import create_app
from smartpick.web.forms import form_values

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "data" / "example-profile.yaml"
DOCS_SCREENSHOTS = HERE.parent.parent / "docs" / "screenshots"
PAGE_TIMEOUT_MS = 180_000  # what-if and the PDF report take seconds; CI machines are shared
UPDATE_ENV = "SMARTPICK_UPDATE_SCREENSHOTS"  # 1: write docs/screenshots (for the README)
SCREENSHOTS = (
    DOCS_SCREENSHOTS
    if os.environ.get(UPDATE_ENV) == "1"
    else Path(tempfile.gettempdir()) / "smartpick-screenshots"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, live_server):
    db = tmp_path_factory.mktemp("browser") / "web.db"
    with live_server(
        create_app(database_url=f"sqlite:///{db}", multi_user=False, session_secret="browser-tests")
    ) as live:
        yield live


@pytest.fixture
def page(browser):
    browser.clear_cookies()  # servers on other ports share the host's cookies
    page = browser.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    page.close()


def shot(page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=full_page)
    assert target.read_bytes().startswith(b"\x89PNG")


def fill_profile_form(page, document: dict) -> None:
    """Type every value of a profile document into the form, adding rows as needed."""
    for name, value in form_values(document).items():
        field = page.locator(f'[name="{name}"]')
        parts = name.split(".")
        while field.count() == 0 and len(parts) > 2 and parts[1].isdigit():
            page.click(f'button.add-row[data-section="{parts[0]}"]')
            if page.locator(f'[name^="{parts[0]}.{int(parts[1])}."]').count() == 0:
                continue
            break
        if field.count() == 0:
            continue  # a detail the form does not show (e.g. research abstracts)
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def test_fill_the_form_from_an_example_and_see_the_audit(server, page):
    document = yaml.safe_load(EXAMPLE.read_text())
    page.goto(server.url + "/")
    fill_profile_form(page, document)
    assert page.locator('[name="experiences.2.left_because"]').input_value() == "switched"
    shot(page, "profile")
    page.click("#submit-profile")
    page.wait_for_url(re.compile(r"/profiles/\d+/audit$"))
    flags = page.locator("#red-flags").inner_text()
    # a failed Step 1 attempt and a professionalism incident are in the example
    assert "exam-failure" in flags and "professionalism" in flags
    assert page.locator("#committee").is_visible()
    page.set_viewport_size({"width": 1200, "height": 1500})
    shot(page, "audit", full_page=False)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"citizenship: [\n  unclosed", "not valid YAML"),
        (b"#" * 10_000_000, "over the 1 MB limit"),
        (EXAMPLE.read_bytes() + b"favourite_colour: blue\n", "unknown key"),
    ],
    ids=["malformed", "10MB", "unknown-key"],
)
def test_a_bad_upload_shows_the_message_on_the_page(server, page, tmp_path, content, expected):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    page.goto(server.url + "/profiles")
    saved_before = page.locator("table.data tbody tr").count()
    page.goto(server.url + "/")
    page.set_input_files('input[name="file"]', str(bad))
    with page.expect_response(lambda r: r.url.endswith("/profile/upload")) as response:
        page.click('#upload-form button[type="submit"]')
    assert response.value.status == 400
    assert expected in page.locator(".error-message").first.inner_text()
    page.goto(server.url + "/profiles")
    assert page.locator("table.data tbody tr").count() == saved_before


def test_download_the_report(server, page, tmp_path):
    upload_example(server, page)
    with page.expect_download() as download:
        page.click("#download-pdf")
    target = tmp_path / "report.pdf"
    download.value.save_as(str(target))
    assert target.read_bytes().startswith(b"%PDF")


def upload_example(server, page) -> None:
    page.goto(server.url + "/")
    page.set_input_files('input[name="file"]', str(EXAMPLE))
    page.click('#upload-form button[type="submit"]')
    page.wait_for_url(re.compile(r"/audit$"))


def test_chances_table_sorts_and_filters(server, page):
    upload_example(server, page)
    page.click("text=Chances")
    page.wait_for_url(re.compile(r"/chances$"))
    table = page.locator("#programs-table tbody tr")
    total = table.count()
    assert total > 10
    page.click('#programs-table th:has-text("Pass filters")')  # sort descending
    values = page.locator("#programs-table tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(c => Number(c.dataset.value))"
    )
    assert values == sorted(values, reverse=True)
    shot(page, "chances", full_page=False)
    page.fill("#program-filter", "Alabama")
    visible = page.locator("#programs-table tbody tr:visible")
    assert 0 < visible.count() < total
    assert all("alabama" in t.lower() for t in visible.all_inner_texts())


def test_review_a_text_and_see_findings_highlighted(server, page):
    page.goto(server.url + "/review")
    page.select_option("#kind", "additional-info")
    page.fill("#flag", "exam-failure")
    page.fill("#text", (HERE / "data" / "explanation.txt").read_text())
    page.click("#submit-review")
    page.wait_for_url(re.compile(r"/reviews/\d+$"))
    marks = page.locator("#reviewed-text mark.finding")
    assert marks.count() >= 1
    assert "test was very hard" in marks.all_inner_texts()  # blame phrase in the text
    assert page.locator("#findings tbody tr").count() >= marks.count()
    shot(page, "review")


def test_interview_practice_times_and_reviews_an_answer(server, page):
    upload_example(server, page)
    page.click("text=Interview practice")
    page.wait_for_url(re.compile(r"/interview$"))
    question = page.locator("#question-text").inner_text()
    page.click("button.start-timer")
    page.wait_for_timeout(1500)  # the page's CSP forbids eval, so poll from here
    assert page.locator("#time-left").inner_text() != "2:00"
    page.fill("#answer", "The exam was unfair and the questions were badly written.")
    page.click("#submit-answer")
    page.wait_for_url(re.compile(r"/reviews/\d+$"))
    assert question in page.locator("#practice-question").inner_text()
    assert page.locator("#findings tbody tr").count() >= 1
    shot(page, "interview-review")


def test_change_the_budget_and_see_the_plan_update(server, page):
    upload_example(server, page)
    page.click("text=Plan")
    page.wait_for_url(re.compile(r"/plan$"))
    assert page.locator("#budget-plot").is_visible()
    assert page.locator("#plan-verdict").is_visible()
    page.set_viewport_size({"width": 1200, "height": 1500})
    shot(page, "plan", full_page=False)  # the README's picture: the plan as first shown
    first_count = int(page.locator("#plan-count").inner_text())
    first_cost = float(page.locator("#plan-cost").inner_text().strip("$").replace(",", ""))
    field = int(page.locator("#budget-usd").input_value())
    assert page.locator("#budget-shown").inner_text() == f"${field:,}"  # not the slider's step
    budget = int(first_cost // 2 // 100 * 100 + 50)  # about half of what the plan spends now
    page.fill("#budget-usd", str(budget))
    assert page.locator("#budget-shown").inner_text() == f"${budget:,}"  # slider steps are 100
    page.click("#update-plan")
    page.wait_for_url(re.compile(rf"budget_usd={budget}"))
    cost = float(page.locator("#plan-cost").inner_text().strip("$").replace(",", ""))
    assert cost <= budget
    assert int(page.locator("#plan-count").inner_text()) < first_count
    assert page.locator("#plan-table tbody tr").count() == int(
        page.locator("#plan-count").inner_text()
    )


def test_a_budget_in_programs_can_be_replanned_as_shown(server, page):
    """A profile whose budget counts programs: the field shows what the plan costs (any
    whole number of dollars) and "Update the plan" must submit it (a field in steps of 50
    refused 2,280 and the button did nothing)."""
    document = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    document["budget"] = {"programs": 37}
    counted = Path(tempfile.mkdtemp()) / "counted.yaml"
    counted.write_text(yaml.safe_dump(document), encoding="utf-8")
    page.goto(server.url + "/")
    page.set_input_files('input[name="file"]', str(counted))
    page.click('#upload-form button[type="submit"]')
    page.wait_for_url(re.compile(r"/audit$"))
    page.click("text=Plan")
    page.wait_for_url(re.compile(r"/plan$"))
    shown = page.locator("#budget-usd").input_value()
    assert page.eval_on_selector("#budget-usd", "e => e.validity.valid"), shown
    page.click("#update-plan")
    page.wait_for_url(re.compile(rf"budget_usd={shown}"))


def test_whatif_ranks_improvements(server, page):
    upload_example(server, page)
    page.click("text=What-if")
    page.wait_for_url(re.compile(r"/whatif$"))
    rows = page.locator("#whatif-table tbody tr")
    assert rows.count() >= 1
    shot(page, "whatif", full_page=False)


def test_multi_user_login_in_the_browser(live_server, browser, tmp_path):
    app = create_app(
        database_url=f"sqlite:///{tmp_path / 'multi.db'}",
        multi_user=True,
        session_secret="browser-multi",
    )
    with live_server(app) as multi:
        browser.clear_cookies()
        page = browser.new_page()
        try:
            page.goto(multi.url + "/")
            page.wait_for_url(re.compile(r"/login$"))  # nothing without an account
            page.click("text=Create an account")
            page.fill('input[name="username"]', "erin")
            page.fill('input[name="password"]', "a long password")
            page.click('button[type="submit"]')
            page.wait_for_url(multi.url + "/")
            assert page.locator("header .who").inner_text().startswith("erin")
            page.click("text=Log out")
            page.wait_for_url(re.compile(r"/login$"))
            page.fill('input[name="username"]', "erin")
            page.fill('input[name="password"]', "wrong password!")
            page.click('button[type="submit"]')
            assert "wrong user name or password" in page.locator(".error-message").inner_text()
        finally:
            page.close()


PHONE = {"width": 390, "height": 844}
PHONE_PAGES = ("/", "/profiles", "audit", "chances", "plan", "whatif", "interview", "/review")


def test_no_page_is_wider_than_a_phone(server, page):
    """At 390 px (a phone) every page fits the screen: wide tables scroll inside themselves."""
    upload_example(server, page)
    profile = page.url.rsplit("/", 1)[0]
    page.set_viewport_size(PHONE)
    widths = {}
    for path in PHONE_PAGES:
        page.goto(server.url + path if path.startswith("/") else f"{profile}/{path}")
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "review-phone")
    assert widths == dict.fromkeys(PHONE_PAGES, PHONE["width"])


def test_the_report_page_is_styled(server, page):
    """The report's inline stylesheet is allowed by the page's CSP (its hash): styled."""
    upload_example(server, page)
    report = page.url.rsplit("/", 1)[0] + "/report.html"
    page.goto(report)
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert "DejaVu Sans" in font  # style.css, not the browser's default serif
    assert background == "rgb(247, 248, 250)"  # --bg
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    shot(page, "report-phone", full_page=False)


def test_season_page_add_a_program_mark_an_invite_see_p_match_change(server, page):
    from smartpick.catalog import open_catalog

    codes = [p.code for p in open_catalog().programs_for(["anesthesiology"], ["C"])][:2]
    upload_example(server, page)
    page.click("text=Season")
    page.wait_for_url(re.compile(r"/season$"))
    for code in codes:
        page.fill('[name="as_of"]', "2026-12-01")
        page.fill('[name="new_program"]', code)
        page.select_option('[name="new_status"]', "applied")
        page.click("#save-season")
        page.wait_for_selector(f'[name^="program_"][value="{code}"]')
    before = float(page.inner_text("#p-match-now").rstrip("%"))
    page.select_option('[name="status_0"]', "invited")
    page.fill('[name="date_0"]', "2026-11-03")
    page.click("#save-season")
    page.wait_for_selector("#rank-table")
    after = float(page.inner_text("#p-match-now").rstrip("%"))
    assert page.locator('[name="status_0"]').input_value() == "invited"
    assert after > before
    shot(page, "season", full_page=False)
