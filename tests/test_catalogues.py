"""services.catalogues: the unit tree, councils, the 54 ethnic groups."""

from __future__ import annotations

import pytest

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Unit
from dienhinh_desktop.services import catalogues as CAT
from dienhinh_desktop.services import meetings as M
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office
from tests.gui_helpers import fill


def test_ethnic_groups_are_the_54_official_names():
    groups = CAT.ETHNIC_GROUPS
    assert len(groups) == 54 and len(set(groups)) == 54
    for name in ("Kinh", "Tày", "Thái", "Mường", "Khơ-me", "Hoa", "Nùng", "Mông", "Dao", "Gia-rai"):
        assert name in groups
    for name in ("Giáy", "Phù Lá", "La Chí", "Ơ Đu", "Brâu", "Rơ Măm"):
        assert name in groups
    assert groups[0] == "Kinh"


@pytest.mark.parametrize(
    "written, official",
    [
        ("khmer", "Khơ-me"),
        ("Gia Rai", "Gia-rai"),
        ("H'Mông", "Mông"),
        ("Mèo", "Mông"),
        ("ede", "Ê-đê"),
        ("dân tộc Tày", "Tày"),
        ("RƠ MĂM", "Rơ Măm"),
        ("kinh", "Kinh"),
        ("Marsian", None),
        ("", None),
    ],
)
def test_canonical_ethnicity(written, official):
    assert CAT.canonical_ethnicity(written) == official


def test_ethnicity_counts_fold_spellings(bare_db):
    info = fill(bare_db, with_profile=False)
    with bare_db.transaction() as s:
        for i, eth in enumerate(["Tày", "tay", "Tày", "H'Mông", "Xyz"]):
            create_candidate(
                s, plan_id=info["plan_id"], kind="individual", name=f"Lò Văn Ba{i}", ethnicity=eth
            )
    with bare_db.session() as s:
        rows = CAT.ethnicity_counts(s)
    by = {r.name: r for r in rows}
    assert len([r for r in rows if r.official]) == 54
    assert by["Tày"].candidates == 3 and by["Tày"].spellings == {"Tày": 2, "tay": 1}
    assert by["Mông"].candidates == 1
    assert by["Xyz"].official is False and rows[-1].name == "Xyz"


def test_unit_tree_create_move_deactivate_delete(bare_db):
    with bare_db.transaction() as s:
        init_office(s, "Đảng ủy xã Tân Lập", party=True)
        root = s.query(Unit).one()
        cell = CAT.create_unit(
            s, "Chi bộ thôn Nậm Cang", parent_id=root.id, kind="party_cell", official_code=""
        )
        village = CAT.create_unit(s, "Thôn Nậm Cang", parent_id=root.id, kind="village")
        with pytest.raises(UserError, match="Đã có đơn vị"):
            CAT.create_unit(s, "thôn nậm cang", parent_id=root.id)
        with pytest.raises(UserError, match="Loại đơn vị"):
            CAT.update_unit(s, village.id, kind="planet")
        CAT.update_unit(s, village.id, official_code="05116", short_name="Nậm Cang")
        with pytest.raises(UserError, match="đã dùng cho đơn vị"):
            CAT.update_unit(s, cell.id, official_code="05116")
        CAT.move_unit(s, cell.id, village.id)
        with pytest.raises(UserError, match="không được là chính nó"):
            CAT.move_unit(s, village.id, cell.id)
        tree = CAT.unit_tree(s)
        assert tree[0]["name"] == "Đảng ủy xã Tân Lập"
        assert tree[0]["children"][0]["children"][0]["name"] == "Chi bộ thôn Nậm Cang"
        with pytest.raises(UserError, match="của chính cơ quan"):
            CAT.deactivate_unit(s, root.id)
        with pytest.raises(UserError, match="đơn vị trực thuộc"):
            CAT.deactivate_unit(s, village.id)
        plan_unit_user = create_candidate(
            s, plan_id=_plan(s), kind="individual", name="Lò Văn A", unit_id=cell.id
        )
        assert plan_unit_user
        with pytest.raises(UserError, match="1 điển hình"):
            CAT.delete_unit(s, cell.id)
        done = CAT.deactivate_unit(s, village.id, with_children=True)
        assert {u.id for u in done} == {village.id, cell.id}
        CAT.reactivate_unit(s, cell.id)
        assert village.active and cell.active  # the parent comes back with it
        spare = CAT.create_unit(s, "Nhập nhầm")
        CAT.delete_unit(s, spare.id)
        assert s.get(Unit, spare.id) is None


def _plan(s):  # type: ignore[no-untyped-def]
    from dienhinh_desktop.services.plan_editing import create_plan

    return create_plan(s, "Kế hoạch thử").id


def test_council_update_and_members(bare_db):
    with bare_db.transaction() as s:
        c = M.create_council(s, "Hội đồng TĐKT xã", members=[{"full_name": "Lý Văn Thắng", "role": "chair"}])
        CAT.update_council(s, c.id, name="Hội đồng Thi đua – Khen thưởng xã", established_by="QĐ số 5")
        first = c.members[0]
        out = CAT.set_members(
            s,
            c.id,
            [
                {"full_name": "Vàng Thị Mai", "position": "Phó Chủ tịch UBND", "role": "vice_chair"},
                {"id": first.id, "full_name": "Lý Văn Thắng", "role": "chair"},
                {"full_name": "Phạm Thị Nhung", "role": "secretary"},
            ],
        )
        assert [m.full_name for m in out] == ["Vàng Thị Mai", "Lý Văn Thắng", "Phạm Thị Nhung"]
        assert [m.sort_order for m in out] == [0, 1, 2]
        CAT.set_members(s, c.id, [{"id": m.id, "full_name": m.full_name, "role": m.role} for m in out[:2]])
        assert [m.active for m in c.members if m.full_name == "Phạm Thị Nhung"] == [False]
        with pytest.raises(UserError, match="dòng 2"):
            CAT.set_members(s, c.id, [{"full_name": "A"}, {"full_name": "B", "role": "king"}])
        with pytest.raises(UserError, match="một Chủ tịch"):
            CAT.set_members(
                s, c.id, [{"full_name": "A", "role": "chair"}, {"full_name": "B", "role": "chair"}]
            )
        with pytest.raises(UserError, match="Thiếu tên"):
            CAT.update_council(s, c.id, name=" ")
