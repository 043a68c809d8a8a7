"""Reference data with ETag / If-None-Match (PROTOCOL.md §8)."""

from __future__ import annotations

import httpx

from tests.platform_server_tests.helpers import batch_document, error_of, headers, register, trainee, upload


def test_datasets_are_served_with_an_etag_and_304_when_unchanged(platform_server):
    for dataset, version in (("occupations", "2022-bundled-3"), ("subsidy_rates", "jiangsu-2025-01"),
                             ("shortage_list", "2025-1")):
        answer = httpx.get(f"{platform_server.url}/api/v1/reference/{dataset}", headers=headers())
        assert answer.status_code == 200
        body = answer.json()
        assert body["dataset"] == dataset and body["version"] == version and isinstance(body["items"], list)
        etag = answer.headers["etag"]
        unchanged = httpx.get(f"{platform_server.url}/api/v1/reference/{dataset}",
                              headers=headers(**{"If-None-Match": etag}))
        assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == etag
    catalogue = httpx.get(f"{platform_server.url}/api/v1/reference/occupations", headers=headers()).json()["items"]
    assert {"edition": "2022", "code": "4-03-02-01"}.items() <= next(
        item for item in catalogue if item["code"] == "4-03-02-01" and item["edition"] == "2022").items()


def test_a_published_version_replaces_the_etag_and_old_batches_get_a_warning(platform_server):
    url = f"{platform_server.url}/api/v1/reference/shortage_list"
    old_etag = httpx.get(url, headers=headers()).headers["etag"]
    new_etag = platform_server.publish_reference("shortage_list", "2026-1", [{"edition": "2022", "code": "4-03-02-01"}])
    assert new_etag != old_etag
    answer = httpx.get(url, headers=headers(**{"If-None-Match": old_etag}))
    assert answer.status_code == 200 and answer.headers["etag"] == new_etag
    assert answer.json() == {"dataset": "shortage_list", "version": "2026-1",
                             "items": [{"edition": "2022", "code": "4-03-02-01"}]}
    assert httpx.get(url, headers=headers(**{"If-None-Match": f'W/{new_etag}, "x"'})).status_code == 304

    device = register(platform_server)
    receipt = upload(platform_server, device, batch_document(device, [trainee(1)])).json()["receipt"]
    assert receipt["status"] == "accepted_with_warnings"
    assert [i["code"] for i in receipt["issues"]] == ["reference.outdated"]
    assert "紧缺职业目录" in receipt["issues"][0]["message"]  # the list that is newer, in words


def test_a_new_occupation_catalogue_decides_what_is_catalogued(platform_server):
    platform_server.publish_reference("occupations", "2026-2", [{"edition": "2022", "code": "6-31-01-03",
                                                                 "name": "车工", "levels": [5, 4, 3, 2, 1]}])
    device = register(platform_server)
    versions = {"occupations": "2026-2", "subsidy_rates": "jiangsu-2025-01", "shortage_list": "2025-1"}
    dropped = upload(platform_server, device, batch_document(device, [trainee(1)], reference_versions=versions))
    assert [i["code"] for i in dropped.json()["receipt"]["issues"]] == ["occupation.not_in_catalogue"]
    listed = upload(platform_server, device, batch_document(device, [trainee(2)], occupation_code="6-31-01-03",
                                                              reference_versions=versions))
    assert listed.json()["receipt"]["status"] == "accepted"


def test_unknown_dataset_404(platform_server):
    answer = httpx.get(f"{platform_server.url}/api/v1/reference/weather", headers=headers())
    assert answer.status_code == 404 and error_of(answer) == "dataset.unknown"
