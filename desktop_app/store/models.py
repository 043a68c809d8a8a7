"""SQLAlchemy 2 models of the institution's records.

Conventions: integer surrogate keys; records that travel to the platform also carry a stable
UUID (`uid`); money in fen and durations in minutes as integers (no floats); timestamps in UTC;
personal data (identity number, phone, bank account, key-group membership) only as ciphertext
plus a keyed hash for look-ups (see store/protection.py). Every schema change is an Alembic
revision in migrations/versions.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Named constraints from the first revision, so Alembic's batch mode can find and alter them
# on SQLite later (SQLite cannot ALTER a constraint it cannot name).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_uid() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC timestamp is required")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- installation and people -----------------------------------------------------------------


class AppMeta(Base):
    """Key/value facts about this database: its installation id (which names its key file), etc."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Institution(Base):
    __tablename__ = "institution"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str | None] = mapped_column(String(18))  # 统一社会信用代码
    address: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))  # the office line, not personal data
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Where subsidies paid to the institution go: the account is encrypted like a trainee's and
    # shown masked; revealing it is audited.
    bank_name: Mapped[str | None] = mapped_column(String(100))
    bank_account_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    bank_account_masked: Mapped[str | None] = mapped_column(String(40))


class AppUser(Base):
    """A person who signs in; the built-in local administrator exists from the first start."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Sign-in: consecutive failures since the last success, and the lockout they caused.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(
            "role in ('administrator', 'registrar', 'teacher', 'clerk', 'auditor')", name="role_known"
        ),
    )


class Teacher(Base):
    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    name: Mapped[str] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(String(50))  # e.g. 高级技师, 讲师
    qualification_no: Mapped[str | None] = mapped_column(String(60))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    phone: Mapped[str | None] = mapped_column(String(30))  # a staff contact number, not a trainee's personal data


# --- reference data --------------------------------------------------------------------------


class ReferenceVersion(Base):
    """Which version of each reference dataset is loaded; earlier versions are kept, not deleted."""

    __tablename__ = "reference_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(60))
    origin: Mapped[str] = mapped_column(String(20))  # 'bundled' or 'platform'
    etag: Mapped[str | None] = mapped_column(String(120))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("dataset", "version", name="dataset_version"),)


class ReferenceDocument(Base):
    """The whole document of one reference-data version as received, so an earlier version can
    be shown or re-applied after a newer one replaced the working tables."""

    __tablename__ = "reference_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference_version_id: Mapped[int] = mapped_column(ForeignKey("reference_version.id"), unique=True)
    document: Mapped[dict] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))


class Occupation(Base):
    """An occupation of the 职业分类大典, keyed by (edition, code) because codes changed in 2022."""

    __tablename__ = "occupation"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    levels: Mapped[str] = mapped_column(String(10))  # e.g. "5432": the levels that exist
    subsidy_class: Mapped[str | None] = mapped_column(String(1))
    special_ability: Mapped[bool] = mapped_column(Boolean, default=False)
    shortage: Mapped[bool | None] = mapped_column(Boolean)
    in_subsidy_catalogue: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str | None] = mapped_column(Text)
    reference_version_id: Mapped[int | None] = mapped_column(ForeignKey("reference_version.id"))

    __table_args__ = (
        UniqueConstraint("edition", "code", name="edition_code"),
        CheckConstraint("subsidy_class is null or subsidy_class in ('A', 'B', 'C')", name="subsidy_class"),
    )


class TrainingType(Base):
    __tablename__ = "training_type"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str | None] = mapped_column(String(80))
    source: Mapped[str | None] = mapped_column(Text)


class KeyGroup(Base):
    """A 重点群体 category; membership of a trainee is personal data and stored encrypted."""

    __tablename__ = "key_group"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str | None] = mapped_column(String(100))
    free_training: Mapped[bool] = mapped_column(Boolean, default=False)
    living_allowance: Mapped[bool] = mapped_column(Boolean, default=False)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    relatives_extend: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str | None] = mapped_column(Text)


class SubsidyRate(Base):
    """Baseline subsidy per person by occupation class and level (or 专项职业能力), in fen."""

    __tablename__ = "subsidy_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference_version_id: Mapped[int] = mapped_column(ForeignKey("reference_version.id"))
    subsidy_class: Mapped[str] = mapped_column(String(1))
    kind: Mapped[str] = mapped_column(String(20))  # 'skill_level' or 'special_ability'
    level: Mapped[int | None] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)


class PolicyVersion(Base):
    """One version of the policy parameters; classes record the version they were opened under."""

    __tablename__ = "policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date)
    subsidy_cap: Mapped[int] = mapped_column(Integer)
    subsidy_window: Mapped[str] = mapped_column(String(20))
    same_occupation_level_once: Mapped[bool] = mapped_column(Boolean, default=True)
    pension_excluded: Mapped[bool] = mapped_column(Boolean, default=True)
    min_attendance_rate_percent: Mapped[int] = mapped_column(Integer)
    online_hours_cap_percent: Mapped[int] = mapped_column(Integer)
    min_hours_per_level: Mapped[dict] = mapped_column(JSON)
    min_practice_percent: Mapped[int] = mapped_column(Integer)
    lesson_minutes: Mapped[int] = mapped_column(Integer, default=45)
    lock_period: Mapped[str] = mapped_column(String(20))
    min_age: Mapped[int] = mapped_column(Integer)
    max_age: Mapped[int] = mapped_column(Integer)
    advance_payment_percent_project_based: Mapped[int] = mapped_column(Integer, default=50)
    work_for_training_max_months: Mapped[int] = mapped_column(Integer, default=6)
    late_grace_minutes: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    lateness_rule: Mapped[str] = mapped_column(String(20), default="whole_lessons", server_default="whole_lessons")
    theory_pass_mark: Mapped[int] = mapped_column(Integer, default=60, server_default="60")  # points, 0..100
    practical_pass_mark: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    swipe_repeat_minutes: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    swipe_early_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    swipe_after_end_minutes: Mapped[int] = mapped_column(Integer, default=15, server_default="15")
    sign_out_after_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    notes: Mapped[dict] = mapped_column(JSON, default=dict)
    source: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("subsidy_window in ('calendar_year', 'lifetime')", name="subsidy_window"),
        CheckConstraint("lateness_rule in ('whole_lessons', 'minutes')", name="lateness_rule"),
    )


class CityRule(Base):
    """One version of the city_rules dataset: the province-wide figures (city_code null) and each
    city's own; a figure left null is unpublished (未设置标准), never a zero."""

    __tablename__ = "city_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference_version_id: Mapped[int] = mapped_column(ForeignKey("reference_version.id"), index=True)
    city_code: Mapped[str | None] = mapped_column(String(6))  # GB/T 2260 prefix, e.g. 3202 = 无锡市
    city_name: Mapped[str] = mapped_column(String(60))
    local_factor_percent: Mapped[int | None] = mapped_column(Integer)
    shortage_uplift_percent: Mapped[int | None] = mapped_column(Integer)
    shortage_from_level: Mapped[int | None] = mapped_column(Integer)
    training_certificate_fen: Mapped[int | None] = mapped_column(Integer)
    flat_fen: Mapped[dict] = mapped_column(JSON, default=dict)
    living_allowance_fen_per_day: Mapped[int | None] = mapped_column(Integer)
    work_for_training_fen_per_month: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)


class CityRuleOverride(Base):
    """An administrator's local override of the city's figures. Append-only: the newest row holds
    the whole override in force (null: the dataset's figure applies); earlier rows are history."""

    __tablename__ = "city_rule_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    local_factor_percent: Mapped[int | None] = mapped_column(Integer)
    shortage_uplift_percent: Mapped[int | None] = mapped_column(Integer)
    training_certificate_fen: Mapped[int | None] = mapped_column(Integer)
    living_allowance_fen_per_day: Mapped[int | None] = mapped_column(Integer)
    work_for_training_fen_per_month: Mapped[int | None] = mapped_column(Integer)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    set_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


# --- classes and trainees --------------------------------------------------------------------


class TrainingClass(Base):
    """A class (班级): one occupation at one level, a schedule of sessions and a roster."""

    __tablename__ = "training_class"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    occupation_id: Mapped[int] = mapped_column(ForeignKey("occupation.id"))
    level: Mapped[int] = mapped_column(Integer)
    training_type_code: Mapped[str] = mapped_column(ForeignKey("training_type.code"))
    project_based: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    planned_theory_minutes: Mapped[int] = mapped_column(Integer, default=0)
    planned_practice_minutes: Mapped[int] = mapped_column(Integer, default=0)
    planned_online_minutes: Mapped[int] = mapped_column(Integer, default=0)
    capacity: Mapped[int] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # The fee per trainee in fen (0: free; None: not recorded) and who pays it (谁出资，谁享受).
    fee_fen: Mapped[int | None] = mapped_column(Integer)
    paid_by: Mapped[str | None] = mapped_column(String(12))

    occupation: Mapped[Occupation] = relationship()
    sessions: Mapped[list["ClassSession"]] = relationship(back_populates="training_class", order_by="ClassSession.starts_at")

    __table_args__ = (
        CheckConstraint("level between 1 and 5", name="level_range"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint(
            "status in ('draft', 'filed', 'in_training', 'completed', 'sealed', 'uploaded', 'returned')",
            name="status_known",
        ),
        CheckConstraint("fee_fen is null or fee_fen >= 0", name="fee_non_negative"),
        CheckConstraint("paid_by is null or paid_by in ('trainee', 'institution', 'enterprise')", name="paid_by_known"),
    )


class ClassTeacher(Base):
    __tablename__ = "class_teacher"

    class_id: Mapped[int] = mapped_column(ForeignKey("training_class.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), primary_key=True)


class ClassSession(Base):
    """One scheduled sitting (a half day or an evening) of a class, in 课时 of the policy's length."""

    __tablename__ = "class_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    class_id: Mapped[int] = mapped_column(ForeignKey("training_class.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    period: Mapped[str] = mapped_column(String(12))  # morning / afternoon / evening
    kind: Mapped[str] = mapped_column(String(12))  # theory / practice
    lessons: Mapped[int] = mapped_column(Integer)  # 课时
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))
    status: Mapped[str] = mapped_column(String(12), default="planned")  # planned / cancelled

    training_class: Mapped[TrainingClass] = relationship(back_populates="sessions")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times_ordered"),
        CheckConstraint("lessons > 0", name="lessons_positive"),
    )


class Trainee(Base):
    """One real person (实名制), whatever the number of classes they attend.

    The identity number is never stored in clear: `id_hash` (keyed HMAC) finds a person,
    `id_number_enc` holds the AES-GCM ciphertext, `id_masked` is what screens show.
    """

    __tablename__ = "trainee"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    id_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    id_masked: Mapped[str] = mapped_column(String(24))
    id_type: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(100), index=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_masked: Mapped[str | None] = mapped_column(String(20))
    household_type: Mapped[str | None] = mapped_column(String(20))  # 户口性质
    education: Mapped[str | None] = mapped_column(String(20))
    employment_status: Mapped[str | None] = mapped_column(String(30))
    pension_status: Mapped[bool] = mapped_column(Boolean, default=False)
    bank_name: Mapped[str | None] = mapped_column(String(100))
    bank_account_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Digits 7–14 of a resident number: encrypted like the number itself (store/trainees.py
    # BIRTH_DATE). `birth_date` above is the clear column of before 0006, kept always empty.
    birth_date_enc: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (CheckConstraint("sex is null or sex in ('M', 'F')", name="sex_known"),)


class TraineeKeyGroup(Base):
    """A trainee's membership of a key group: encrypted code plus a keyed hash for counting."""

    __tablename__ = "trainee_key_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"), index=True)
    group_hash: Mapped[str] = mapped_column(String(64))
    group_code_enc: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (UniqueConstraint("trainee_id", "group_hash", name="trainee_group"),)


class Enrolment(Base):
    """A trainee in a class, with the eligibility decision taken at enrolment and its reasons."""

    __tablename__ = "enrolment"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    class_id: Mapped[int] = mapped_column(ForeignKey("training_class.id", ondelete="CASCADE"), index=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), index=True)
    roll_no: Mapped[int] = mapped_column(Integer)
    subsidy_status: Mapped[str] = mapped_column(String(20))  # eligible / not_eligible / overridden
    eligibility_reasons: Mapped[list] = mapped_column(JSON, default=list)
    override_reason: Mapped[str | None] = mapped_column(Text)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    enrolled_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 退学: the day the trainee left (attendance, results and certificates stop from it), why, and who recorded it.
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (
        UniqueConstraint("class_id", "trainee_id", name="class_trainee"),
        UniqueConstraint("class_id", "roll_no", name="class_roll"),
        CheckConstraint("subsidy_status in ('eligible', 'not_eligible', 'overridden')", name="subsidy_status"),
    )


class TraineeChange(Base):
    """Append-only: one corrected personal field of a trainee, with who, when and why. Sensitive
    fields keep only their masked old and new values here; the full values live encrypted on
    the trainee and nowhere else."""

    __tablename__ = "trainee_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


# --- attendance, assessment, certificates ---------------------------------------------------


class AttendanceMark(Base):
    """The current attendance state of one trainee in one session; its past lives in the history."""

    __tablename__ = "attendance_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_session.id", ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))  # present / late / early_leave / leave / absent
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)
    early_leave_minutes: Mapped[int] = mapped_column(Integer, default=0)
    leave_reason: Mapped[str | None] = mapped_column(Text)
    sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sign_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual / card / punch_import
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (
        UniqueConstraint("session_id", "enrolment_id", name="session_enrolment"),
        CheckConstraint(
            "status in ('present', 'late', 'early_leave', 'leave', 'absent')", name="status_known"
        ),
    )


class AttendanceMarkHistory(Base):
    """Append-only: every change of a mark, with who, when and why. Never updated or deleted."""

    __tablename__ = "attendance_mark_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    mark_id: Mapped[int] = mapped_column(ForeignKey("attendance_mark.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    old_value: Mapped[dict | None] = mapped_column(JSON)
    new_value: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (UniqueConstraint("mark_id", "revision", name="mark_revision"),)


class OnlineLearning(Base):
    """Online-learning minutes reported for a trainee in a class; credited up to the policy cap."""

    __tablename__ = "online_learning"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (CheckConstraint("minutes >= 0", name="minutes_non_negative"),)


class Assessment(Base):
    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    theory_score: Mapped[int | None] = mapped_column(Integer)  # tenths of a point, 0..1000
    practical_score: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str | None] = mapped_column(String(12))  # pass / fail
    retake: Mapped[bool] = mapped_column(Boolean, default=False)
    assessed_on: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # Set when the result differs from what the scores and the pass marks give: the person's reason.
    override_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("result is null or result in ('pass', 'fail')", name="result_known"),)


class Certificate(Base):
    """An issued certificate: content frozen at issue, PDF hash stored, voids keep their number."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment.id"), index=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # training_completion / skill_level / special_ability / …
    number: Mapped[str] = mapped_column(String(60))
    issuer: Mapped[str] = mapped_column(String(20), default="institution")  # institution / external
    status: Mapped[str] = mapped_column(String(12), default="issued")  # issued / void
    issued_on: Mapped[date] = mapped_column(Date)
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    void_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("kind", "number", name="kind_number"),
        CheckConstraint("status in ('issued', 'void')", name="status_known"),
    )


class CertificateCounter(Base):
    """The next serial per institution and year: taken in the issuing transaction, so numbers
    are gapless and never reused even when two windows issue at once."""

    __tablename__ = "certificate_counter"

    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_serial: Mapped[int] = mapped_column(Integer, default=1)


class DeviceKey(Base):
    """Public keys this installation has signed with (certificates, batches). The private key
    is never in the database; a rotated key records the old key's signature over the new one."""

    __tablename__ = "device_key"

    key_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    public_key_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    previous_key_id: Mapped[str | None] = mapped_column(String(80))
    rotation_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    own: Mapped[bool] = mapped_column(Boolean, default=True)  # False: another institution's key learnt for verifying


# --- outbox and audit ------------------------------------------------------------------------


class OutboxBatch(Base):
    """A sealed, signed, immutable batch waiting for (or done with) the provincial platform."""

    __tablename__ = "outbox_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    kind: Mapped[str] = mapped_column(String(30))  # class_filing / cohort_completion / correction
    class_id: Mapped[int | None] = mapped_column(ForeignKey("training_class.id"), index=True)
    state: Mapped[str] = mapped_column(String(30), default="sealed")
    size_bytes: Mapped[int] = mapped_column(Integer)  # of the signed bytes (kept in OutboxBatchContent)
    content_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(80))
    supersedes_batch_id: Mapped[str | None] = mapped_column(String(36))
    reference_versions: Mapped[dict] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    receipt: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # The platform's answer: its sequence number, the coded reason of the last failed attempt
    # (mapped to words by the client, never shown raw), and which batch replaced this one.
    sequence: Mapped[int | None] = mapped_column(Integer)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error_code: Mapped[str | None] = mapped_column(String(60))
    superseded_by: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        CheckConstraint(
            "state in ('sealed', 'sending', 'sent_unconfirmed', 'accepted', 'accepted_with_warnings', "
            "'rejected', 'superseded')",
            name="state_known",
        ),
        Index("ix_outbox_batch_state", "state"),
    )


class OutboxBatchContent(Base):
    """The signed bytes of a batch, encrypted with the data key, apart from its mutable state.

    They are written once, at sealing; the batch row changes with every attempt and receipt,
    and SQLite rewrites a whole row on any update: with the bytes inline, uploading one
    1 000-trainee cohort wrote its megabyte four more times."""

    __tablename__ = "outbox_batch_content"

    outbox_batch_id: Mapped[int] = mapped_column(ForeignKey("outbox_batch.id", ondelete="CASCADE"), primary_key=True)
    canonical_bytes: Mapped[bytes] = mapped_column(LargeBinary)


class SignInThrottle(Base):
    """Consecutive failed sign-ins under a name that matches no account (known accounts keep
    theirs in app_user), keyed by a hash of the name: what someone typed as a name may be a
    password typed into the wrong field, and is not kept."""

    __tablename__ = "sign_in_throttle"

    name_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    wait_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """Append-only audit log; each entry's hash covers the previous entry's hash (a chain)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    actor_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity_type: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    class_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (Index("ix_audit_log_occurred_at", "occurred_at"),
                      Index("ix_audit_log_actor_user_id", "actor_user_id"))
