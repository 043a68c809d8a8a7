"""The subsidy use cases on PostgreSQL: the same scenarios as test_subsidy.py (SQLite), run
against a fresh PostgreSQL database — the override's history, the fee columns and the estimate's
queries (distinct credited days counted by the database, certificates, earlier enrolments)."""

from __future__ import annotations

import pytest

from desktop_app.config import load_settings
from tests.services.test_subsidy import (  # noqa: F401  (the fixture and the scenarios, run here on PostgreSQL)
    completed,
    test_a_fee_and_who_pays_are_kept_on_the_class_and_audited,
    test_an_administrator_overrides_figures_audited_and_others_are_refused,
    test_an_earlier_subsidy_at_a_higher_level_refuses_the_lower_one,
    test_the_estimate_follows_completion_results_certificates_fee_and_groups,
)
from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.postgres


@pytest.fixture
def settings(postgres_url, tmp_path):  # noqa: F811
    return load_settings(database_url=postgres_url, data_dir=tmp_path / "data")
