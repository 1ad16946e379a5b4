"""The list's actions on the selection, the removed filter and restore, the criteria and
quota counters, the search index against a plain filter."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402

from dienhinh_desktop.gui import bulk_actions  # noqa: E402
from dienhinh_desktop.gui.candidate_model import COL_CRITERIA, COL_NAME, SearchIndex  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.pages.candidates import Page  # noqa: E402
from dienhinh_desktop.gui.quota_panel import QuotaPanel  # noqa: E402
from dienhinh_desktop.models import Candidate, Quota, StatusChange  # noqa: E402
from dienhinh_desktop.text import fold  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def setup(qtbot, bare_db, monkeypatch):  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    messages: list[str] = []
    monkeypatch.setattr(bulk_actions, "show_info", lambda _p, text, **_k: messages.append(text))
    monkeypatch.setattr(bulk_actions, "show_error", lambda _p, text, **_k: messages.append(text))
    monkeypatch.setattr(bulk_actions, "ask_yes_no", lambda _p, _text, **_k: True)
    ctx = AppContext(bare_db)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.show()
    return page, info, messages


def names(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.model.index(r, COL_NAME).data() for r in range(page.model.rowCount())]


def status_of(page, cid: str) -> str:  # type: ignore[no-untyped-def]
    with page.ctx.db.session() as s:
        return s.get(Candidate, cid).status


def test_bulk_status_change_is_all_or_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    page, info, messages = setup
    an, binh, duc = (info["ids"][n] for n in ("Lê Văn An", "Trần Thị Bình", "Đặng Văn Đức"))
    assert page.select_candidates([an, binh, duc])
    assert page.selected_ids() and len(page.selected_ids()) == 3
    # Đặng Văn Đức is recognised: «Đang bồi dưỡng» is not allowed for him → nothing changes
    assert not page.bulk_change_status("nurturing", "Rà soát")
    assert "chưa chuyển hồ sơ nào" in messages[-1] and "Đặng Văn Đức" in messages[-1]
    assert status_of(page, an) == "registered"
    page.select_candidates([an, binh])
    assert page.bulk_change_status("nurturing", "Đã phân công")
    assert "Đã chuyển 1 hồ sơ" in messages[-1] and "đã ở trạng thái này" in messages[-1]
    assert status_of(page, an) == "nurturing"
    assert page.model.index(page.model.find_row(an), 9).data() == "Đang bồi dưỡng"  # the list reloaded


def test_bulk_mentor_offers_nurturing(setup) -> None:  # type: ignore[no-untyped-def]
    page, info, messages = setup
    an, cuong = info["ids"]["Lê Văn An"], info["ids"]["Nguyễn Văn Cường"]
    page.select_candidates([an, cuong])
    assert page.bulk_assign_mentor(bulk_actions.MentorValues(name="Hoàng Văn Nam"))
    assert status_of(page, an) == status_of(page, cuong) == "nurturing"
    with page.ctx.db.session() as s:
        assert s.get(Candidate, an).mentors[0].mentor_name == "Hoàng Văn Nam"


def test_delete_key_removes_with_reason_and_restore(qtbot, setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, info, messages = setup
    an = info["ids"]["Lê Văn An"]
    monkeypatch.setattr(
        bulk_actions.ReasonDialog, "exec", lambda self: self.reason.setPlainText("Chuyển đi") or 1
    )
    page.select_candidate(an)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert status_of(page, an) == "removed"
    assert "Lê Văn An" not in names(page)  # hidden by default
    assert page.count_label.text() == "Hiển thị 5 / 6 điển hình"
    page.inactive_check.setChecked(True)
    assert "Lê Văn An" in names(page)
    assert page.select_candidate(an)
    assert page.restore_button.isEnabled() and not page.remove_button.isEnabled()
    assert page.restore_selected("Nhầm")
    assert status_of(page, an) == "registered"
    with page.ctx.db.session() as s:
        reasons = [h.reason for h in s.query(StatusChange).filter_by(candidate_id=an)]
        assert "Chuyển đi" in reasons and "Nhầm" in reasons
        assert s.get(Candidate, an) is not None  # nothing deleted


def test_bulk_export_runs_in_the_worker(qtbot, setup, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, info, messages = setup
    opened = []
    monkeypatch.setattr(bulk_actions.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    ids = [info["ids"]["Lê Văn An"], info["ids"]["Trần Thị Bình"]]
    page.select_candidates(ids)
    job = page.export_selected("registration-forms", tmp_path / "out")
    qtbot.waitUntil(lambda: job.is_finished, timeout=20000)
    assert job.error is None, job.error
    files = sorted((tmp_path / "out").glob("*.docx"))
    assert len(files) == 2
    assert opened and opened[0].toLocalFile() == str(tmp_path / "out")
    assert messages[-1].startswith("Đã ghi 2 tệp")


def test_criteria_column_and_filter(setup) -> None:  # type: ignore[no-untyped-def]
    page, info, _ = setup

    class E:
        def __init__(self, met: int, total: int) -> None:
            self.met, self.total_required, self.eligible = met, total, met == total
            self.progress = f"{met}/{total}"

        def summary(self) -> str:
            return self.progress

    an, binh = info["ids"]["Lê Văn An"], info["ids"]["Trần Thị Bình"]
    page.model.set_eligibility({an: E(9, 9), binh: E(7, 9)})
    assert page.model.index(page.model.find_row(binh), COL_CRITERIA).data() == "7/9"
    page.eligible_combo.setCurrentIndex(page.eligible_combo.findData(True))
    assert names(page) == ["Lê Văn An"]
    page.eligible_combo.setCurrentIndex(page.eligible_combo.findData(False))
    assert "Lê Văn An" not in names(page) and "Trần Thị Bình" in names(page)


def test_quota_panel_shows_under_and_over(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    with bare_db.transaction() as s:
        s.add(Quota(plan_id=info["plan_id"], unit_id=info["unit_ids"][0], min_count=5))
        s.add(Quota(plan_id=info["plan_id"], unit_id=info["unit_ids"][1], max_count=2))
    ctx = AppContext(bare_db)
    panel = QuotaPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.states() == {"Chi bộ thôn Nậm Cang": "under", "Trường Tiểu học Tân Lập": "over"}
    assert "1 thiếu" in panel.summary.text() and "1 vượt" in panel.summary.text()
    texts = [panel.chips.item(i).text() for i in range(panel.chips.count())]
    assert "Trường Tiểu học Tân Lập: 3/2 — vượt 1" in texts
    assert "Chi bộ thôn Nậm Cang: 3/5 — thiếu 2" in texts
    with bare_db.transaction() as s:  # one more removed from the school: live update
        c = s.get(Candidate, info["ids"]["Trần Thị Bình"])
        from dienhinh_desktop.services.lifecycle import change_status

        change_status(s, c, "removed", by=None, reason="Chuyển đi")
    ctx.hub.candidates_changed.emit()
    assert panel.states()["Trường Tiểu học Tân Lập"] == "ok"


def test_search_matches_plain_filter_on_random_rows() -> None:
    rnd = random.Random(11)
    parts = ["nguyen", "thi", "van", "dang", "duc", "hmong", "giang", "a", "pao", "chi", "bo", "thon", "12",
             "ban", "pang,", "xa", "tan", "lap", "lò", "sình", "ß", "hằng", "-"]  # fmt: skip
    hays = [" ".join(rnd.choice(parts) for _ in range(rnd.randint(0, 7))) for _ in range(400)]
    hays += ["a\nb", "tab\there", ""]
    index = SearchIndex(hays)
    alphabet = "abcdeghilnoprstuvxy21 ,-ßằ"
    queries = ["", "a", "n", "ng", "th", "hi", "2", "12", ",", "-", "g,", "ab", "b", "ß", "ằ", "ò"]
    queries += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6))) for _ in range(300)]
    queries += ["nguyen thi h", "chi bo thon", "giang a pao", "hmong", "sình", "hằng", "pang, xa"]
    for query in queries:
        words = fold(query).split()
        want = [i for i, h in enumerate(hays) if all(w in h for w in words)]
        assert index.search(query).tolist() == want, query
    order = list(range(len(hays)))[::-3]
    index.build(order)
    for query in ("a", "th", "thon", "nguyen v"):
        words = fold(query).split()
        assert index.search(query).tolist() == [i for i in order if all(w in hays[i] for w in words)]
    assert SearchIndex([]).search("a").tolist() == []
