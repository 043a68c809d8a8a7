"""Pulling reference data from the platform (PROTOCOL §8): occupations, subsidy rates and the
shortage list, each with its ETag; everything that changed is applied in one transaction, as
new versions, with the whole received document kept beside the earlier ones."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import NamedTuple

from sqlalchemy import select

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.bilingual import Bilingual
from desktop_app.platform.client import PlatformBusy, PlatformClient, PlatformError, ReferenceDocument
from desktop_app.platform.protocol import canonical_bytes, content_hash
from desktop_app.services import audit
from desktop_app.services.outbox import OutboxError, SyncReport, platform_public_key, upload_address
from desktop_app.store.engine import Database
from desktop_app.store.models import ReferenceDocument as ReferenceDocumentRow, ReferenceVersion
from desktop_app.store.reference import apply_occupations, apply_shortage_list, apply_subsidy_rates

class Dataset(NamedTuple):
    apply: Callable  # how a received document becomes a new version
    list_name: str  # the list's name in the applier's document
    label_zh: str  # what a person calls it (the codes are the protocol's, never shown)
    label_en: str


DATASETS = {
    "occupations": Dataset(apply_occupations, "occupations", "职业目录", "occupation list"),
    "subsidy_rates": Dataset(apply_subsidy_rates, "rates", "补贴标准", "subsidy rates"),
    "shortage_list": Dataset(apply_shortage_list, "shortage_list", "紧缺职业目录", "shortage occupation list"),
}

messages.register(
    {
        "reference.unsigned": (
            "收到的参考数据“{dataset}”（版本 {version}）没有本机登记的省平台的有效签名，未予采用，仍使用原来的版本。"
            "可能是网络中有人冒充省平台；请联系技术支持。",
            "The reference data “{dataset:en}” (version {version}) received does not carry a valid signature of the "
            "platform this computer is registered with; it was not applied and the previous version stays in force. "
            "Someone on the network may be posing as the platform: contact support.",
        ),
        "reference.invalid": (
            "省平台发来的参考数据“{dataset}”（版本 {version}）内容不完整，未予采用，仍使用原来的版本。请稍后再同步或联系技术支持。",
            "The platform's reference data “{dataset:en}” (version {version}) is incomplete; it was not applied and "
            "the previous version stays in force. Sync again later or contact support.",
        ),
    }
)


def dataset_names(datasets: Sequence[str]) -> Bilingual:
    """The datasets in words, for a message: 职业目录、补贴标准 / occupation list, subsidy rates."""
    known = [DATASETS.get(dataset) for dataset in datasets]
    labels = [(d.label_zh, d.label_en) if d else (name, name) for name, d in zip(datasets, known)]
    return Bilingual("、".join(zh for zh, _ in labels), ", ".join(en for _, en in labels))


def _etags(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return {dataset: etag for dataset, etag in session.execute(
            select(ReferenceVersion.dataset, ReferenceVersion.etag)
            .where(ReferenceVersion.is_current.is_(True), ReferenceVersion.etag.is_not(None)))}


def apply_reference_documents(db: Database, *, actor: Actor, documents: list[ReferenceDocument]) -> tuple[str, ...]:
    """Apply every received dataset in one transaction; a bad one leaves everything as it was."""
    if not documents:
        return ()
    with db.writing() as session:
        applied = {}
        for received in documents:
            dataset = DATASETS[received.dataset]
            existing = session.scalar(select(ReferenceVersion).where(
                ReferenceVersion.dataset == received.dataset, ReferenceVersion.version == received.version))
            if existing is not None:
                # Already known under this version (e.g. the bundled copy): make it current again.
                for row in session.scalars(select(ReferenceVersion).where(ReferenceVersion.dataset == received.dataset)):
                    row.is_current = row.id == existing.id
                existing.etag = received.etag
                continue
            try:
                items = received.document["items"]
                version = dataset.apply(session, {"version": received.version, dataset.list_name: items},
                                        origin="platform")
                session.flush()
            except (KeyError, TypeError, ValueError, AttributeError):
                raise OutboxError("reference.invalid", dataset=dataset_names([received.dataset]),
                                  version=received.version) from None
            version.etag = received.etag
            session.add(ReferenceDocumentRow(reference_version_id=version.id, document=received.document,
                                             content_hash=content_hash(canonical_bytes(received.document))))
            applied[received.dataset] = received.version
        if applied:
            audit.record(session, actor, "reference.updated", entity_type="reference", details=applied)
    return tuple(applied)


def pull_reference(db: Database, *, actor: Actor, client: PlatformClient) -> tuple[str, ...]:
    """Every dataset that changed, each verified against the platform key of the registration
    before anything is applied: one that does not verify refuses the whole pull."""
    etags = _etags(db)
    documents = [doc for dataset in DATASETS
                 if (doc := client.fetch_reference(dataset, etag=etags.get(dataset))) is not None]
    platform_key = platform_public_key(db)
    for received in documents:
        if not received.verifies_with(platform_key):
            raise OutboxError("reference.unsigned", dataset=dataset_names([received.dataset]),
                              version=received.version)
    return apply_reference_documents(db, actor=actor, documents=documents)


def pull_into(db: Database, *, actor: Actor, url: str | None, report: SyncReport) -> SyncReport:
    """`report` with the datasets updated; network trouble here leaves the report as it was
    (reference data is fetched again next time)."""
    url = upload_address(db, url)  # reference data too comes only from the registered platform
    if not url:
        return report
    try:
        with PlatformClient(url) as client:
            updated = pull_reference(db, actor=actor, client=client)
    except (PlatformBusy, PlatformError):
        return report
    except OutboxError as refused:
        # Nothing of it was applied; what was uploaded before stays reported.
        return dataclasses.replace(report, reference_problem=refused.message())
    return dataclasses.replace(report, reference_updated=updated)
