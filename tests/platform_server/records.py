"""Record validation (PROTOCOL.md §7, "Record issue codes"): what only the platform can check.

Every issue names the trainee (name and masked id number) and says what to do, in Chinese
(`message`) and English (`message_en`). Any `error` rejects the whole batch.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.identity import IdentityNumberError, mask_identity_number, parse_identity_number
from tests.platform_server.storage import (
    REFERENCE_DATASETS,
    Batch,
    CertificateRecord,
    PriorSubsidy,
    RegistryPerson,
    TraineeRecord,
    current_reference,
)

SUBSIDY_LIMIT_PER_YEAR = 3
ACTIVE_STATUSES = ("accepted", "accepted_with_warnings")
# Every identity document the platform knows; anything else is refused, never passed unchecked.
# All of them are validated through parse_identity_number (its checksum where the document has
# one, its structure otherwise) and the number is counted in its canonical form, so `３２０５…`
# or a trailing space is the same person, not a new one for the subsidy limit.
KNOWN_ID_TYPES = ("resident", "hmt_permit", "foreign_permanent", "foreign_permanent_legacy")
# A correction replaces a batch of the same family (a cohort's completion and its corrections).
KIND_FAMILIES = {"cohort_completion": "cohort", "correction": "cohort"}


def canonical_identity(id_type: object, id_number: object) -> str | None:
    """The number as the platform stores and counts it, or None when it is not a valid number of
    a known identity type (full-width characters, spaces and lower case are canonicalised)."""
    if id_type not in KNOWN_ID_TYPES or not isinstance(id_number, str):
        return None
    try:
        parsed = parse_identity_number(unicodedata.normalize("NFKC", id_number))
    except IdentityNumberError:
        return None
    return parsed.value if parsed.id_type.value == id_type else None


def _class_and_family(body: bytes) -> tuple[str | None, str | None]:
    try:
        document = json.loads(body)
        return document["payload"]["class"]["record_id"], KIND_FAMILIES.get(document["kind"])
    except (ValueError, KeyError, TypeError):
        return None, None


@dataclass
class Issue:
    record_type: str
    record_id: str | None
    severity: str
    code: str
    field: str | None
    message: str
    message_en: str

    def as_json(self) -> dict:
        return {"record_type": self.record_type, "record_id": self.record_id, "severity": self.severity,
                "code": self.code, "field": self.field, "message": unicodedata.normalize("NFC", self.message),
                "message_en": unicodedata.normalize("NFC", self.message_en)}


def _who(trainee: dict) -> tuple[str, str]:
    name = trainee.get("name") or "?"
    masked = mask_identity_number(str(trainee.get("id_number") or ""))
    return f"学员{name}（证件号码 {masked}）", f"Trainee {name} (ID {masked})"


def trainee_year(document: dict) -> int:
    return int(document["payload"]["class"]["end_date"][:4])


def subsidised_completions_of(session: Session, id_numbers: list[str], year: int, *,
                              exclude_batch: str | None) -> dict[str, int]:
    """Accepted subsidised completions of each person in `year`, at every institution, plus the
    ones the platform knows from before; batches superseded by a correction no longer count.
    Two queries per 500 people, however large the cohort."""
    counts: dict[str, int] = {}
    for chunk_start in range(0, len(id_numbers), 500):
        chunk = id_numbers[chunk_start:chunk_start + 500]
        query = (select(TraineeRecord.id_number, func.count(TraineeRecord.id))
                 .join(Batch, Batch.batch_id == TraineeRecord.batch_id)
                 .where(TraineeRecord.id_number.in_(chunk), TraineeRecord.year == year,
                        TraineeRecord.subsidy_claimed.is_(True), TraineeRecord.completed.is_(True),
                        Batch.status.in_(ACTIVE_STATUSES)).group_by(TraineeRecord.id_number))
        if exclude_batch is not None:
            query = query.where(Batch.batch_id != exclude_batch)
        for id_number, count in session.execute(query):
            counts[id_number] = counts.get(id_number, 0) + int(count)
        for id_number, count in session.execute(
                select(PriorSubsidy.id_number, func.coalesce(func.sum(PriorSubsidy.count), 0))
                .where(PriorSubsidy.id_number.in_(chunk), PriorSubsidy.year == year).group_by(PriorSubsidy.id_number)):
            counts[id_number] = counts.get(id_number, 0) + int(count)
    return counts


def _registered_names(session: Session, id_numbers: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for chunk_start in range(0, len(id_numbers), 500):
        chunk = id_numbers[chunk_start:chunk_start + 500]
        names.update((number, name) for number, name in session.execute(
            select(RegistryPerson.id_number, RegistryPerson.name).where(RegistryPerson.id_number.in_(chunk))))
    return names


def validate_records(session: Session, document: dict, *, institution_code: str) -> list[Issue]:
    """The issues of a schema-valid batch, in document order."""
    issues: list[Issue] = []
    batch_id = document["batch_id"]
    payload = document["payload"]
    klass = payload["class"]
    supersedes = document.get("supersedes")
    year = trainee_year(document)

    if supersedes is not None:
        target = session.get(Batch, supersedes)
        problem = None
        if target is None:
            problem = ("平台上没有被更正的批次 {id}。请先上传原批次，再上传更正。",
                       "The batch this correction replaces ({id}) is not on the platform. Upload it first, then the correction.")
        elif target.institution_code != institution_code:
            problem = ("被更正的批次 {id} 属于另一家机构，不能由本机构更正。",
                       "The batch being corrected ({id}) belongs to another institution and cannot be corrected by yours.")
        elif target.status == "superseded":
            problem = ("批次 {id} 已经被另一份更正替代。请更正最新的那一份批次。",
                       "Batch {id} was already replaced by another correction. Correct the latest batch instead.")
        elif (document.get("kind") != "correction"
              or _class_and_family(target.body) != (klass.get("record_id"), KIND_FAMILIES.get(document.get("kind")))):
            # Else a "correction" of an unrelated, empty class could retire an accepted cohort,
            # whose subsidies and certificate numbers would then stop counting.
            problem = ("批次 {id} 是另一个班级或另一类数据，本批次不能更正它。更正只能针对同一班级的同类批次。",
                       "Batch {id} is of another class or another kind; this batch cannot correct it. A correction "
                       "replaces only a batch of the same class and kind.")
        if problem:
            issues.append(Issue("batch", batch_id, "error", "batch.supersedes_invalid", "supersedes",
                                problem[0].format(id=supersedes), problem[1].format(id=supersedes)))

    catalogue = current_reference(session, "occupations")
    listed = set()
    if catalogue is not None:
        for item in json.loads(catalogue.document)["items"]:
            if isinstance(item, dict):
                listed.add((str(item.get("edition")), str(item.get("code"))))
    if (klass["occupation_edition"], klass["occupation_code"]) not in listed:
        issues.append(Issue(
            "class", klass["record_id"], "error", "occupation.not_in_catalogue", "occupation_code",
            f"班级“{klass['name']}”的职业编码 {klass['occupation_code']}（{klass['occupation_edition']} 年版）"
            "不在省平台的职业目录中。请拉取最新参考数据后，为班级选择目录中的职业。",
            f"The occupation code {klass['occupation_code']} ({klass['occupation_edition']} edition) of class "
            f"“{klass['name']}” is not in the platform's occupation catalogue. Pull the latest reference data "
            "and choose a catalogued occupation for the class."))

    seen_ids: dict[str, dict] = {}
    canonical = {t["record_id"]: canonical_identity(t["id_type"], t["id_number"]) for t in payload["trainees"]}
    all_ids = sorted({number for number in canonical.values() if number is not None})
    registry = _registered_names(session, all_ids)
    subsidised = subsidised_completions_of(session, all_ids, year, exclude_batch=supersedes)
    for trainee in payload["trainees"]:
        zh, en = _who(trainee)
        id_number = canonical[trainee["record_id"]]
        if trainee["id_type"] not in KNOWN_ID_TYPES:
            issues.append(Issue(
                "trainee", trainee["record_id"], "error", "trainee.id_type_unknown", "id_type",
                f"{zh}的证件类型“{trainee['id_type']}”省平台不认识。请选择居民身份证、港澳台居民居住证或外国人永久居留身份证。",
                f"{en}: the platform does not know the identity document type “{trainee['id_type']}”. Choose a "
                "resident ID card, a residence permit or a foreign permanent residence ID card."))
            continue
        if id_number is None or id_number != trainee["id_number"]:
            # Not a valid number, or not in its canonical form (full-width digits, spaces): the
            # platform stores only canonical numbers, and counts every form as the one person.
            issues.append(Issue(
                "trainee", trainee["record_id"], "error", "trainee.id_invalid", "id_number",
                f"{zh}的证件号码校验不通过。请对照身份证原件逐位核对并改正证件号码。",
                f"{en}: the identity number fails its check. Compare it character by character with "
                "the ID card and correct it."))
            if id_number is None:
                continue
        earlier = seen_ids.get(id_number)
        if earlier is not None:
            issues.append(Issue(
                "trainee", trainee["record_id"], "error", "trainee.duplicate", "id_number",
                f"{zh}在本班出现了两次（另一条是花名册第 {earlier.get('roll_no')} 号）。同一人在一个班只能报名一次，"
                "请删除重复的报名。",
                f"{en} appears twice in this class (the other entry is roll number {earlier.get('roll_no')}). "
                "A person can enrol in a class only once: remove the duplicate enrolment."))
        else:
            seen_ids[id_number] = trainee
        registered = registry.get(id_number)
        if registered is not None and _same_name(registered, trainee["name"]) is False:
            issues.append(Issue(
                "trainee", trainee["record_id"], "error", "trainee.name_mismatch", "name",
                f"{zh}：姓名与人口信息库登记的姓名不一致。请按学员身份证上的姓名改正。",
                f"{en}: the name differs from the one in the population registry. Correct it to the "
                "name printed on the trainee's ID card."))
        if trainee["subsidy_claimed"] and not trainee["withdrawn"]:
            already = subsidised.get(id_number, 0)
            if already >= SUBSIDY_LIMIT_PER_YEAR:
                issues.append(Issue(
                    "trainee", trainee["record_id"], "error", "trainee.subsidy_limit", "subsidy_claimed",
                    f"{zh}在 {year} 年已在各培训机构享受过 {already} 次培训补贴，达到每年 "
                    f"{SUBSIDY_LIMIT_PER_YEAR} 次的上限。请把该学员改为“不申领补贴”后重新提交。",
                    f"{en} has already received a training subsidy {already} times in {year} at one or more "
                    f"institutions, the limit of {SUBSIDY_LIMIT_PER_YEAR} a year. Mark the trainee as not "
                    "claiming a subsidy and submit again."))

    taken_numbers = _certificate_numbers_taken(
        session, [c["number"] for c in payload.get("certificates") or []], exclude_batch=supersedes)
    for certificate in payload.get("certificates") or []:
        taken = taken_numbers.get(certificate["number"])
        if taken:
            trainee = next((t for t in payload["trainees"] if t["record_id"] == certificate["enrolment_id"]), {})
            zh, en = _who(trainee)
            issues.append(Issue(
                "certificate", certificate["record_id"], "error", "certificate.number_taken", "number",
                f"{zh}的证书编号 {certificate['number']} 已被另一批次（{taken}）使用。"
                "请为这张证书重新编号后再提交。",
                f"{en}: certificate number {certificate['number']} was already used by another batch "
                f"({taken}). Give this certificate a new number and submit again."))

    outdated = []
    versions = document.get("reference_versions") or {}
    for dataset in REFERENCE_DATASETS:
        current = current_reference(session, dataset)
        if current is not None and versions.get(dataset) != current.version:
            outdated.append(_DATASET_WORDS.get(dataset, (dataset, dataset)))
    if outdated:
        # In words a clerk reads: which lists are newer here, not their version identifiers,
        # and what to do in the program, not a command (the version pair stays in `details`).
        issues.append(Issue(
            "batch", batch_id, "warning", "reference.outdated", "reference_versions",
            f"本批次是按旧版参考数据核对的（{'、'.join(zh for zh, _ in outdated)}已更新）。批次已接收；"
            "请在上传页同步一次参考数据，以后的批次将按新数据核对。",
            f"This batch was checked against outdated reference data (newer {', '.join(en for _, en in outdated)} "
            "here). It was received; sync the reference data once on the upload page so that later batches are "
            "checked against it."))
    return issues


_DATASET_WORDS = {
    "occupations": ("职业目录", "occupation list"),
    "subsidy_rates": ("补贴标准", "subsidy rates"),
    "shortage_list": ("紧缺职业目录", "shortage list"),
}


def _certificate_numbers_taken(session: Session, numbers: list[str], *, exclude_batch: str | None) -> dict[str, str]:
    """Number → the batch that already holds it (an issued certificate of an accepted batch).
    The batch a correction replaces does not count: it re-sends its own numbers."""
    taken: dict[str, str] = {}
    for chunk_start in range(0, len(numbers), 500):
        query = (select(CertificateRecord.number, CertificateRecord.batch_id)
                 .join(Batch, Batch.batch_id == CertificateRecord.batch_id)
                 .where(CertificateRecord.number.in_(numbers[chunk_start:chunk_start + 500]),
                        CertificateRecord.status == "issued", Batch.status.in_(ACTIVE_STATUSES)))
        if exclude_batch is not None:
            query = query.where(Batch.batch_id != exclude_batch)
        for number, batch_id in session.execute(query):
            taken.setdefault(number, batch_id)
    return taken


def _same_name(registered: str, given: str) -> bool:
    def clean(text: str) -> str:
        return "".join(unicodedata.normalize("NFC", text).split())
    return clean(registered) == clean(given)


def apply_records(session: Session, document: dict, *, institution_code: str) -> None:
    """Store what later batches are checked against (only for accepted batches)."""
    batch_id = document["batch_id"]
    payload = document["payload"]
    year = trainee_year(document)
    completed = {item["record_id"]: bool(item["completed"]) for item in payload.get("attendance") or []}
    for trainee in payload["trainees"]:
        session.add(TraineeRecord(
            batch_id=batch_id, record_id=trainee["record_id"], institution_code=institution_code,
            id_number=canonical_identity(trainee["id_type"], trainee["id_number"]) or trainee["id_number"],
            name=trainee["name"], year=year,
            subsidy_claimed=bool(trainee["subsidy_claimed"]) and not trainee["withdrawn"],
            completed=completed.get(trainee["record_id"], False)))
    for certificate in payload.get("certificates") or []:
        session.add(CertificateRecord(batch_id=batch_id, record_id=certificate["record_id"],
                                      number=certificate["number"], status=certificate["status"]))
