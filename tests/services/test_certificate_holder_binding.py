"""Nothing printed on a certificate lets anyone recover the holder's identity number (issue 15
item 8).

A certificate prints the masked number (digits 1–4 and 15–18) beside a QR whose holder field,
in SDC1, was an unkeyed SHA-256 of "<certificate number>:<identity number>": trying the few
hundred thousand numbers that fit the mask found the one that hashes to it in seconds. SDC2 keys
the binding with the issuer's secret; the QR still verifies offline, and the issuer can still
check a holder who shows the ID card."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from desktop_app.domain.certificates import legacy_holder_digest, parse_signed_payload
from desktop_app.domain.identity import check_char
from desktop_app.services.certificates import class_certificates, verify_certificate_text
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)
from tests.services.test_certificates import completed, issue, key  # noqa: F401


def fitting_the_mask(masked: str, true_number: str, *, days: int):
    """Every valid number with the printed digits, county digits 00–99, born within `days` of
    the holder (an attacker would take a wider window; this one keeps the test quick and still
    holds the true number)."""
    born = date(int(true_number[6:10]), int(true_number[10:12]), int(true_number[12:14]))
    for offset in range(-days, days + 1):
        day = f"{born + timedelta(days=offset):%Y%m%d}"
        for county in range(100):
            first17 = f"{masked[:4]}{county:02d}{day}{masked[14:17]}"
            if check_char(first17) == masked[17]:
                yield first17 + masked[17]


def printed(office, number: str) -> dict:
    return next(v.content for v in class_certificates(office.db, "2026-JZ01") if v.number == number)


def test_the_masked_number_and_the_qr_do_not_give_the_number_away(office, key, completed):  # noqa: F811
    _, persons = completed
    number = issue(office, key).issued[0]
    content = printed(office, number)
    payload, _, _ = parse_signed_payload(content["qr_payload"])
    assert payload.version == "SDC2"
    holder = next(p for p in persons if p.name == content["name"])
    masked = content["id_masked"]

    # The SDC1 attack: hash every candidate the way the QR used to. Nothing fits any more...
    candidates = list(fitting_the_mask(masked, holder.id_number, days=200))
    assert holder.id_number in candidates and len(candidates) > 1000
    hits = [c for c in candidates if hashlib.sha256(f"{number}:{c}".encode()).hexdigest()[:16] == payload.holder]
    assert hits == []
    # ...where the old digest would have named the holder among them.
    old = legacy_holder_digest(number, holder.id_number)
    assert [c for c in candidates if legacy_holder_digest(number, c) == old] == [holder.id_number]

    # The content still verifies offline, with the issuer's public key alone.
    assert verify_certificate_text(office.db, content["qr_payload"]).valid
    # The issuer checks a holder who shows the ID card; another number of the same mask fails.
    assert office.certificates.holder_matches(content["qr_payload"], holder.id_number)
    other = next(c for c in candidates if c != holder.id_number)
    assert not office.certificates.holder_matches(content["qr_payload"], other)


def test_an_sdc1_certificate_printed_before_still_verifies_and_checks_its_holder(office, key, completed):  # noqa: F811
    from dataclasses import replace

    _, persons = completed
    number = issue(office, key).issued[0]
    content = printed(office, number)
    holder = next(p for p in persons if p.name == content["name"])
    payload, _, _ = parse_signed_payload(content["qr_payload"])
    legacy = replace(payload, version="SDC1", holder=legacy_holder_digest(number, holder.id_number))
    text = legacy.with_signature(key.sign(legacy.signed_part().encode("utf-8")))
    parsed, _, _ = parse_signed_payload(text)
    assert parsed.version == "SDC1"
    assert office.certificates.holder_matches(text, holder.id_number)
