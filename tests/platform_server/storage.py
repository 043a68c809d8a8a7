"""The platform's database: its own tables (prefix `platform_`), created with create_all.

SQLite file by default, PostgreSQL by URL. Times are stored as UTC text
(`YYYY-MM-DDTHH:MM:SSZ`), documents as the exact bytes received.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from tests.platform_server import wire


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Platform-wide values; the platform's signing key is kept here."""

    __tablename__ = "platform_settings"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    __tablename__ = "platform_counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class EnrolmentCode(Base):
    __tablename__ = "platform_enrolment_codes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    institution_code: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[str] = mapped_column(String(20))
    expires_at: Mapped[str | None] = mapped_column(String(20))
    used_at: Mapped[str | None] = mapped_column(String(20))
    used_by_key_id: Mapped[str | None] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64))


class Device(Base):
    __tablename__ = "platform_devices"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    institution_code: Mapped[str] = mapped_column(String(64), index=True)
    enrolment_code: Mapped[str] = mapped_column(String(32))
    registered_at: Mapped[str] = mapped_column(String(20))


class DeviceKey(Base):
    """A device's public keys. `retired_at`: replaced by a rotation; `revoked_at`: by staff."""

    __tablename__ = "platform_device_keys"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("platform_devices.device_id"), index=True)
    public_key_pem: Mapped[str] = mapped_column(Text)
    added_at: Mapped[str] = mapped_column(String(20))
    retired_at: Mapped[str | None] = mapped_column(String(20))
    replaced_by: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[str | None] = mapped_column(String(20))


class Batch(Base):
    """Every batch the platform committed (accepted or rejected), with its exact bytes."""

    __tablename__ = "platform_batches"
    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    institution_code: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    supersedes: Mapped[str | None] = mapped_column(String(64))
    superseded_by: Mapped[str | None] = mapped_column(String(64))
    # accepted | accepted_with_warnings | rejected | superseded
    status: Mapped[str] = mapped_column(String(32))
    status_on_receipt: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    received_at: Mapped[str] = mapped_column(String(20))
    times_received: Mapped[int] = mapped_column(Integer, default=1)
    last_received_at: Mapped[str] = mapped_column(String(20))


class Receipt(Base):
    """The signed receipt, kept as the exact bytes that were signed."""

    __tablename__ = "platform_receipts"
    batch_id: Mapped[str] = mapped_column(ForeignKey("platform_batches.batch_id"), primary_key=True)
    receipt_bytes: Mapped[bytes] = mapped_column(LargeBinary)
    platform_key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(Text)


class TraineeRecord(Base):
    """Trainees of accepted batches: what the cross-institution subsidy limit counts."""

    __tablename__ = "platform_trainee_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("platform_batches.batch_id"), index=True)
    record_id: Mapped[str] = mapped_column(String(64))
    institution_code: Mapped[str] = mapped_column(String(64))
    id_number: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    subsidy_claimed: Mapped[bool] = mapped_column(Boolean)
    completed: Mapped[bool] = mapped_column(Boolean)


class CertificateRecord(Base):
    __tablename__ = "platform_certificates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("platform_batches.batch_id"), index=True)
    record_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(16))


class PriorSubsidy(Base):
    """Subsidised completions the platform knows from elsewhere (seeded by tests)."""

    __tablename__ = "platform_prior_subsidies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_number: Mapped[str] = mapped_column(String(32), index=True)
    year: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    institution_code: Mapped[str | None] = mapped_column(String(64))


class RegistryPerson(Base):
    """The population registry as far as the platform can see it: id number → legal name."""

    __tablename__ = "platform_registry"
    id_number: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class ReferenceDataset(Base):
    __tablename__ = "platform_reference"
    __table_args__ = (UniqueConstraint("dataset", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[str] = mapped_column(String(64))
    document: Mapped[bytes] = mapped_column(LargeBinary)  # canonical bytes of the whole answer
    etag: Mapped[str] = mapped_column(String(80))
    published_at: Mapped[str] = mapped_column(String(20))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)


REFERENCE_DATASETS = ("occupations", "subsidy_rates", "shortage_list")
# The versions the golden batch (tests/platform/golden) was sealed against: a fresh platform
# publishes these, so the golden batch is accepted without a `reference.outdated` warning.
INITIAL_REFERENCE_VERSIONS = {"occupations": "2022-bundled-3", "subsidy_rates": "jiangsu-2025-01",
                              "shortage_list": "2025-1"}

_REPO = Path(__file__).resolve().parents[2]
_OCCUPATION_FIELDS = ("edition", "code", "name", "levels", "subsidy_class", "special_ability", "shortage",
                      "in_subsidy_catalogue")
_FALLBACK_OCCUPATIONS = [
    {"edition": "2022", "code": "4-03-02-01", "name": "中式烹调师", "levels": [5, 4, 3, 2, 1], "subsidy_class": "C"},
    {"edition": "2022", "code": "4-10-01-06", "name": "家政服务员", "levels": [5, 4, 3, 2], "subsidy_class": "C"},
]


def initial_reference_items(dataset: str) -> list[dict]:
    """Items the platform publishes at its first start, taken from the catalogue the client ships."""
    folder = _REPO / "resources" / "reference"
    try:
        if dataset == "occupations":
            document = json.loads((folder / "occupations.json").read_text("utf-8"))
            return [{key: item[key] for key in _OCCUPATION_FIELDS if key in item} for item in document["occupations"]]
        if dataset == "subsidy_rates":
            return list(json.loads((folder / "subsidy_rates.json").read_text("utf-8"))["rates"])
    except (OSError, ValueError, KeyError):
        pass
    if dataset == "occupations":
        return [dict(item) for item in _FALLBACK_OCCUPATIONS]
    return []


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):  # noqa: ANN001
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def reference_document_bytes(dataset: str, version: str, items: list) -> bytes:
    return wire.canonical({"dataset": dataset, "version": version, "items": items})


class Storage:
    """Opens (and on first use initialises) the platform database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        Base.metadata.create_all(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._initialise()

    def dispose(self) -> None:
        self.engine.dispose()

    def _initialise(self) -> None:
        with self.sessions.begin() as session:
            if session.get(Setting, "platform_private_key_pem") is None:
                session.add(Setting(name="platform_private_key_pem", value=wire.new_private_key_pem()))
            if session.get(Counter, "receipt_sequence") is None:
                session.add(Counter(name="receipt_sequence", value=0))
            for dataset in REFERENCE_DATASETS:
                exists = session.scalar(select(ReferenceDataset.id).where(ReferenceDataset.dataset == dataset))
                if exists is None:
                    publish_reference(session, dataset, INITIAL_REFERENCE_VERSIONS[dataset],
                                      initial_reference_items(dataset))
            key_pem = session.get(Setting, "platform_private_key_pem").value
        self.private_key = wire.load_private_key(key_pem)
        self.public_key_pem = wire.public_key_pem(self.private_key.public_key())
        self.key_id = wire.key_id(self.private_key.public_key())


def publish_reference(session: Session, dataset: str, version: str, items: list) -> ReferenceDataset:
    """Make (dataset, version) current; publishing an existing version again replaces its items."""
    document = reference_document_bytes(dataset, version, items)
    etag = '"' + wire.sha256_hex(document)[:32] + '"'
    session.execute(update(ReferenceDataset).where(ReferenceDataset.dataset == dataset).values(is_current=False))
    row = session.scalar(select(ReferenceDataset).where(ReferenceDataset.dataset == dataset,
                                                        ReferenceDataset.version == version))
    if row is None:
        row = ReferenceDataset(dataset=dataset, version=version)
        session.add(row)
    row.document, row.etag, row.published_at, row.is_current = document, etag, wire.utc_now(), True
    session.flush()
    return row


def current_reference(session: Session, dataset: str) -> ReferenceDataset | None:
    return session.scalar(select(ReferenceDataset).where(ReferenceDataset.dataset == dataset,
                                                         ReferenceDataset.is_current.is_(True)))


def next_sequence(session: Session) -> int:
    """The next receipt sequence number; the UPDATE locks the counter row until commit."""
    session.execute(update(Counter).where(Counter.name == "receipt_sequence").values(value=Counter.value + 1))
    return session.scalar(select(Counter.value).where(Counter.name == "receipt_sequence"))
