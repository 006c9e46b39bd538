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


@pytest.mark.parametrize(
    "given, meant",
    [
        ("IM", "internal-medicine"),
        ("Internal Medicine", "internal-medicine"),
        ("peds", "pediatrics"),
        ("ENT", "otolaryngology"),
        ("ob/gyn", "obstetrics-gynecology"),
        ("PM&R", "physical-medicine-rehabilitation"),
        ("Med-Peds", "internal-medicine-pediatrics"),
    ],
)
def test_an_abbreviation_or_a_name_is_answered_with_the_id_to_write(given, meant):
    with pytest.raises(UnknownSpecialtyError) as info:  # never accepted silently
        get_specialty(given)
    assert f"did you mean '{meant}'?" in (info.value.hint or "")


@pytest.mark.parametrize("given", ["cardiology", "Cardiolgy", "nephrology"])
def test_a_fellowship_field_says_which_residency_leads_to_it(given):
    with pytest.raises(UnknownSpecialtyError) as info:
        get_specialty(given)
    assert "is a fellowship" in (info.value.hint or "")
    assert "'internal-medicine'" in (info.value.hint or "")


def test_every_alias_is_unique_and_no_alias_is_an_id():
    ids = set(all_specialties())
    aliases = [a for s in all_specialties().values() for a in s.aliases]
    assert len(aliases) == len(set(aliases))
    assert not set(aliases) & ids
