"""Matching received decisions against the fixture commune: no wrong auto, auto where sure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dienhinh_desktop.exchange.decision_matching import (
    collective_key,
    communes_of,
    match_entries,
    person_name,
)
from dienhinh_desktop.exchange.decision_reader import ParsedDecision, ParsedEntry, read_decision_file

CORPUS = Path(__file__).parent / "corpus" / "decisions"
sys.path.insert(0, str(CORPUS))
import make_corpus  # noqa: E402

EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    make_corpus.build(out)
    return out


def _decision(*entries: ParsedEntry, lines: list[str] | None = None) -> ParsedDecision:
    return ParsedDecision(
        number="1-QĐ/TU",
        date=None,
        issuer=None,
        award_kind="recognition",
        award_label=None,
        title=None,
        entries=list(entries),
        source_format="docx",
        lines=lines or [],
    )


def test_whole_corpus(bare_db, corpus_dir: Path) -> None:
    with bare_db.session() as s:
        ids = make_corpus.populate(s)
        key_of = {v: k for k, v in ids.items()}
        wrong_auto: list[str] = []
        mismatched: list[str] = []
        total = autos = 0
        for name, spec in EXPECTED.items():
            parsed = read_decision_file(corpus_dir / name)
            results = match_entries(s, parsed)
            assert len(results) == len(spec["entries"])
            for e, r, x in zip(parsed.entries, results, spec["entries"], strict=True):
                total += 1
                got = key_of.get(r.candidate_id or "")
                where = f"{name} dòng {e.row} «{e.name}»: {r.status} {got} ({r.reason})"
                if r.status == "auto":
                    autos += 1
                    if got != x["candidate"] or x["status"] != "auto":
                        wrong_auto.append(where)
                if r.status != x["status"]:
                    mismatched.append(f"{where}; mong đợi {x['status']} {x['candidate']}")
                elif r.status == "review" and x["candidate"]:
                    # The likely candidate is proposed first.
                    assert got == x["candidate"], where
                if x["candidate"] and r.status != "none":
                    assert ids[x["candidate"]] in [cid for cid, _ in r.suggestions], where
                assert r.reason
        s.rollback()
    assert not wrong_auto, "\n".join(wrong_auto)
    assert not mismatched, "\n".join(mismatched)
    assert total == 50 and autos >= 33


def test_homonyms_told_apart_by_birth_year_and_unit(session) -> None:
    ids = make_corpus.populate(session)
    entries = [
        ParsedEntry(row=1, section="individual", name="Nguyễn Văn An", birth_year=1990),
        ParsedEntry(
            row=2, section="individual", name="Nguyễn Văn An", position_unit="Bí thư Chi bộ thôn Nà Lang"
        ),
        ParsedEntry(row=3, section="individual", name="Nguyễn Văn An"),
        ParsedEntry(row=4, section="individual", name="Nguyễn Văn An", birth_year=1960),
    ]
    res = match_entries(session, _decision(*entries, lines=["Đảng ủy xã Tân Lập"]))
    assert (res[0].status, res[0].candidate_id) == ("auto", ids["p_an90"])
    assert (res[1].status, res[1].candidate_id) == ("auto", ids["p_an75"])
    assert res[2].status == "review" and {c for c, _ in res[2].suggestions} >= {ids["p_an75"], ids["p_an90"]}
    assert res[3].status == "none"


def test_other_commune_never_auto(session) -> None:
    ids = make_corpus.populate(session)
    res = match_entries(
        session,
        _decision(
            ParsedEntry(row=1, section="individual", name="Lò Văn Pọm", birth_year=1970, unit="xã Bình Minh"),
            ParsedEntry(row=2, section="collective", name="Chi bộ thôn Khe Mạ", group="Đảng bộ xã Bình Minh"),
        ),
    )
    assert [r.status for r in res] == ["none", "none"]
    assert ids["p_pom"] in [c for c, _ in res[0].suggestions]


def test_name_only_depends_on_the_decision(session) -> None:
    ids = make_corpus.populate(session)
    only_ours = _decision(
        ParsedEntry(row=1, section="individual", name="Ông Vũ Đức Thắng"),
        lines=["DANH SÁCH cá nhân xã Tân Lập được tặng Giấy khen"],
    )
    r = match_entries(session, only_ours)[0]
    assert (r.status, r.candidate_id) == ("auto", ids["p_thang"])
    mixed = _decision(
        ParsedEntry(row=1, section="individual", name="Ông Vũ Đức Thắng"),
        ParsedEntry(row=2, section="individual", name="Hà Văn Tú", position_unit="xã Bình Minh"),
    )
    assert match_entries(session, mixed)[0].status == "review"
    # Without accents the name cannot be trusted alone.
    ascii_only = _decision(
        ParsedEntry(row=1, section="individual", name="Vu Duc Thang"), lines=["xã Tân Lập"]
    )
    assert match_entries(session, ascii_only)[0].status == "review"


def test_normalising_helpers() -> None:
    assert collective_key("HTX Nông nghiệp Tân Lập") == collective_key("Hợp tác xã nông nghiệp Tân Lập")
    assert collective_key("Đoàn TNCS HCM xã Tân Lập") == collective_key(
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập"
    )
    assert collective_key("Hội LHPN xã A") == collective_key("Hội Liên hiệp Phụ nữ xã A")
    assert collective_key("UBND xã Tân Lập") == collective_key("Ủy ban nhân dân xã Tân Lập")
    assert collective_key("Uỷ ban MTTQ xã Tân Lập") == collective_key("Ủy ban Mặt trận Tổ quốc xã Tân Lập")
    assert collective_key("Hội CCB xã Tân Lập") == collective_key("Hội Cựu chiến binh xã Tân Lập")
    assert person_name("Đồng chí Lò Văn Pọm", None) == "Lò Văn Pọm"
    assert person_name("Hộ ông Lò Văn Thanh", "household") == "Lò Văn Thanh"
    assert person_name("Bà Nguyễn Thị Lan, giáo viên", None) == "Nguyễn Thị Lan"
    assert communes_of("Bí thư Chi bộ thôn Nà Lang, xã Tân Lập, tỉnh Lào Cai") == {"tan lap"}
    assert communes_of("Chủ nhiệm Hợp tác xã Nông nghiệp Tân Lập") == set()
    assert communes_of("PHƯỜNG SA PA") == {"sa pa"}
