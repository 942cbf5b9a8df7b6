from app.ledger.phones import check_phone


def test_a_valid_number_is_written_in_international_form():
    assert check_phone("PE", "987654321").value == "+51 987 654 321"
    assert check_phone("PE", " 01 4445555 ").value == "+51 1 4445555"
    assert check_phone("CO", "+57 601 3200000").valid
    assert check_phone("MX", "55 5555 0101").value == "+52 55 5555 0101"


def test_a_bad_number_is_kept_as_typed_with_the_reason():
    check = check_phone("PE", "12")
    assert not check.valid and check.value == "12"
    assert check.problem == "'12' is not a valid phone number for PE (write +country code for a foreign one)."
    assert check_phone("PE", "").valid
