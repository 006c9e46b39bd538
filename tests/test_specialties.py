import pytest

from smartpick.errors import UnknownSpecialtyError
from smartpick.specialties import all_specialties, get_specialty


def test_every_nrmp_specialty_code_has_an_id():
    from smartpick.datafiles import source_csv

    codes = {row["specialty_code"] for row in source_csv("acgme_specialty_codes.csv")}
    mapped = {s.nrmp_code for s in all_specialties().values()}
    assert codes - {"999"} <= mapped
    assert "999" in mapped


@pytest.mark.parametrize(
    "given, hint_part",
    [("anesthesiolgy", "anesthesiology"), ("internal-medecine", "internal-medicine")],
)
def test_unknown_specialty_names_the_nearest_id(given, hint_part):
    with pytest.raises(UnknownSpecialtyError) as info:
        get_specialty(given)
    assert hint_part in (info.value.hint or "")
    assert info.value.exit_status == 2


def test_pgy1_positions_are_marked():
    assert get_specialty("transitional-year").is_pgy1_only
    assert not get_specialty("anesthesiology").is_pgy1_only
