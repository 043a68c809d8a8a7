"""`skilldesk demo`: a realistic demo institution for training, screenshots and trying things out."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, insert, select

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.identity import IdType, check_char, mask_identity_number
from desktop_app.domain.schedule import ScheduleSpec, SessionKind, SessionStatus, plan_class_schedule
from desktop_app.services import audit
from desktop_app.store.engine import Database
from desktop_app.store.models import (
    AttendanceMark,
    AttendanceMarkHistory,
    ClassSession,
    ClassTeacher,
    Enrolment,
    Institution,
    Occupation,
    PolicyVersion,
    Teacher,
    Trainee,
    TrainingClass,
    new_uid,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import TraineeRecord, insert_trainees

messages.register(
    {
        "demo.not_empty": (
            "数据库 {database} 里已经有数据（{classes} 个班级、{trainees} 名学员），演示数据只能写入空数据库。"
            "请用 --db 指定一个新的文件，例如：skilldesk --db demo.db demo",
            "The database {database} already holds data ({classes} classes, {trainees} trainees); demo data "
            "only goes into an empty database. Name a new file with --db, e.g. skilldesk --db demo.db demo",
        ),
    }
)


class DemoRefused(messages.UserFacingError):
    pass


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力梅鹏飞斌宇浩凯秀云莉俊峰晨雪婷琳欣怡佳慧子涵宁瑞博宏志海波燕霞凤娥淑珍荣鑫"
# Jiangsu county-level address codes (GB/T 2260) of the kind a Suzhou/Nanjing institution sees.
REGIONS = ("320102", "320104", "320106", "320111", "320115", "320205", "320211", "320282", "320505",
           "320506", "320507", "320508", "320509", "320581", "320582", "320583", "320585", "321102", "321183")
ETHNICITIES = ("汉族",) * 18 + ("回族", "满族")
HOUSEHOLDS = ("农业户口", "非农业户口")
EDUCATION = ("初中", "高中", "中专", "大专", "本科")
EMPLOYMENT = ("在职", "失业", "未就业", "灵活就业")
BANKS = ("中国工商银行", "中国农业银行", "中国建设银行", "江苏银行", "苏州银行")
KEY_GROUPS = ("enterprise_employee", "rural_migrant_worker", "laid_off_unemployed", "veteran", "disabled",
              "urban_rural_dibao", "college_graduate")


_BIRTH_SPAN_DAYS = 14_600  # forty years of birth dates; coprime with 5003


@dataclass(frozen=True)
class DemoSummary:
    classes: int
    trainees: int
    sessions: int
    marks: int


def demo_people(count: int, *, seed: int = 2019, start_serial: int = 0) -> list[TraineeRecord]:
    """`count` distinct, valid, plausible trainees (deterministic for a given seed)."""
    rng = random.Random(seed)
    people = []
    for serial in range(start_serial, start_serial + count):
        # serial → (region, sequence, birth date) is one-to-one below 19 × 1000 × 14 600, so
        # every generated identity number is distinct however many are asked for.
        region_index, rest = serial % len(REGIONS), serial // len(REGIONS)
        sequence_number, block = rest % 1000, rest // 1000
        region = REGIONS[region_index]
        spread = (block * 5003 + region_index * 611 + sequence_number * 37) % _BIRTH_SPAN_DAYS
        birth = date(1966, 1, 1) + timedelta(days=spread)
        sequence = f"{sequence_number:03d}"
        first17 = f"{region}{birth:%Y%m%d}{sequence}"
        id_number = first17 + check_char(first17)
        sex = "M" if int(sequence[2]) % 2 else "F"
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        groups = tuple(sorted({rng.choice(KEY_GROUPS) for _ in range(rng.choice((0, 1, 1, 2)))}))
        people.append(
            TraineeRecord(
                id_number=id_number,
                id_type=IdType.RESIDENT.value,
                id_masked=mask_identity_number(id_number),
                name=name,
                sex=sex,
                birth_date=birth,
                ethnicity=rng.choice(ETHNICITIES),
                phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
                household_type=rng.choice(HOUSEHOLDS),
                education=rng.choice(EDUCATION),
                employment_status=rng.choice(EMPLOYMENT),
                pension_status=False,
                bank_name=rng.choice(BANKS),
                bank_account=f"6222{rng.randrange(10**15):015d}",
                key_groups=groups,
            )
        )
    return people


# (code suffix, occupation name, level, training type, status, days from today to start, length in days, size)
_DEMO_CLASSES = (
    ("JZ01", "家政服务员", 4, "employment_skills", "in_training", -10, 20, 32),
    ("YL01", "养老护理员", 5, "employment_skills", "completed", -60, 15, 28),
    ("DG01", "电工", 4, "post_skill_upgrade", "filed", 14, 20, 40),
    ("PR01", "中式烹调师", 5, "employment_skills", "draft", 30, 12, 25),
    ("AI01", "人工智能训练师", 4, "post_skill_upgrade", "in_training", -5, 25, 30),
)


def fill_demo_institution(db: Database, cipher: PersonalDataCipher, *, actor: Actor, today: date | None = None) -> DemoSummary:
    """Fill an empty database with a demo institution, its teachers, classes and trainees.

    Refuses a database that already has classes or trainees, so it can never mix invented
    people into real records.
    """
    require(actor, Permission.MANAGE_SETTINGS)
    today = today or date.today()
    with db.writing() as session:
        classes = session.scalar(select(func.count()).select_from(TrainingClass)) or 0
        trainees = session.scalar(select(func.count()).select_from(Trainee)) or 0
        if classes or trainees or session.scalar(select(func.count()).select_from(Institution)):
            raise DemoRefused("demo.not_empty", database=db.display_name(), classes=classes, trainees=trainees)
        institution = Institution(code="JS3205060001", name="苏州市吴中区金桥职业技能培训学校（演示）",
                                  credit_code="52320506MJ0000000X", address="江苏省苏州市吴中区东吴北路 88 号",
                                  contact_name="陈老师", contact_phone="0512-6500 0000")
        session.add(institution)
        session.flush()
        teachers = [Teacher(institution_id=institution.id, name=name, title=title)
                    for name, title in (("周建国", "高级技师"), ("沈丽华", "讲师"), ("顾明", "技师"), ("钱玉兰", "高级讲师"))]
        session.add_all(teachers)
        policy = session.scalar(select(PolicyVersion).where(PolicyVersion.is_active.is_(True)))
        occupations = {o.name: o for o in session.scalars(select(Occupation).order_by(Occupation.edition.desc()))}
        fallback = next(iter(occupations.values()))
        session.flush()

        needed = sum(spec[7] for spec in _DEMO_CLASSES)
        people = demo_people(needed)
        trainee_ids = insert_trainees(session, cipher, people)
        cursor = 0
        total_sessions = total_marks = 0
        for index, (suffix, occupation_name, level, type_code, status, offset, length, size) in enumerate(_DEMO_CLASSES):
            occupation = occupations.get(occupation_name, fallback)
            if str(level) not in occupation.levels:
                level = int(occupation.levels[0])
            start = today + timedelta(days=offset)
            end = start + timedelta(days=length)
            planned = plan_class_schedule(ScheduleSpec(lessons_per_sitting=4), start=start, end=end,
                                          lesson_minutes=policy.lesson_minutes,
                                          practice_percent=policy.min_practice_percent)
            theory = sum(p.lessons for p in planned if p.kind is SessionKind.THEORY) * policy.lesson_minutes
            practice = sum(p.lessons for p in planned if p.kind is SessionKind.PRACTICE) * policy.lesson_minutes
            training_class = TrainingClass(
                institution_id=institution.id, code=f"{today:%Y}-{suffix}",
                name=f"{today:%Y}年{occupation.name}（{_level_short(level)}）第{index + 1}期",
                occupation_id=occupation.id, level=level, training_type_code=type_code,
                project_based=index % 2 == 0, start_date=start, end_date=end,
                planned_theory_minutes=theory, planned_practice_minutes=practice, planned_online_minutes=0,
                capacity=size + 10, location="教学楼 3 楼 30{}教室".format(index + 1), status=status,
                policy_id=policy.id, created_by=actor.user_id,
            )
            session.add(training_class)
            session.flush()
            session.add(ClassTeacher(class_id=training_class.id, teacher_id=teachers[index % len(teachers)].id))
            session_rows = [
                {"uid": new_uid(), "class_id": training_class.id, "starts_at": p.starts_at.astimezone(timezone.utc),
                 "ends_at": p.ends_at.astimezone(timezone.utc), "period": p.period.value, "kind": p.kind.value,
                 "lessons": p.lessons, "teacher_id": teachers[index % len(teachers)].id,
                 "status": SessionStatus.PLANNED.value}
                for p in planned
            ]
            if status != "draft":
                session.execute(insert(ClassSession), session_rows)
                total_sessions += len(session_rows)
            enrolment_ids = []
            if status in ("in_training", "completed", "filed"):
                for roll, trainee_id in enumerate(trainee_ids[cursor : cursor + size], start=1):
                    enrolment = Enrolment(class_id=training_class.id, trainee_id=trainee_id, roll_no=roll,
                                          subsidy_status="eligible", eligibility_reasons=[], enrolled_by=actor.user_id)
                    session.add(enrolment)
                    enrolment_ids.append(enrolment)
                session.flush()
            cursor += size
            if status in ("in_training", "completed"):
                total_marks += _mark_past_sessions(session, training_class.id, enrolment_ids, actor, seed=index)
            audit.record(session, actor, "class.created", entity_type="class", entity_id=training_class.uid,
                         class_id=training_class.id, details={"code": training_class.code, "demo": True})
        audit.record(session, actor, "demo.filled", details={"trainees": len(trainee_ids)})
        return DemoSummary(classes=len(_DEMO_CLASSES), trainees=len(trainee_ids), sessions=total_sessions, marks=total_marks)


def _mark_past_sessions(session, class_id: int, enrolments: list[Enrolment], actor: Actor, *, seed: int) -> int:
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    past = session.scalars(select(ClassSession).where(ClassSession.class_id == class_id, ClassSession.ends_at < now)).all()
    rows = []
    for class_session in past:
        for enrolment in enrolments:
            roll = rng.random()
            status = "present" if roll < 0.88 else "late" if roll < 0.94 else "leave" if roll < 0.97 else "absent"
            signed_in = class_session.starts_at + timedelta(minutes=rng.randrange(-10, 3) if status == "present" else 17)
            rows.append({
                "uid": new_uid(), "session_id": class_session.id, "enrolment_id": enrolment.id, "status": status,
                "late_minutes": 17 if status == "late" else 0, "early_leave_minutes": 0,
                "leave_reason": "病假" if status == "leave" else None,
                "sign_in_at": signed_in if status in ("present", "late") else None,
                "sign_out_at": class_session.ends_at if status in ("present", "late") else None,
                "source": "card" if status in ("present", "late") else "manual", "revision": 1,
                "updated_at": class_session.ends_at, "updated_by": actor.user_id,
            })
    if rows:
        session.execute(insert(AttendanceMark), rows)
        # Every mark has its first revision in the history, as marks taken in the grid do.
        ids = dict(session.execute(select(AttendanceMark.uid, AttendanceMark.id)
                                   .where(AttendanceMark.uid.in_([r["uid"] for r in rows]))).all())
        session.execute(insert(AttendanceMarkHistory), [
            {"mark_id": ids[r["uid"]], "revision": 1, "old_value": None,
             "new_value": _history_value(r), "reason": None, "changed_at": r["updated_at"],
             "changed_by": actor.user_id}
            for r in rows
        ])
    return len(rows)


def _history_value(row: dict) -> dict:
    from desktop_app.domain.attendance import AttendanceStatus, MarkValue

    return MarkValue(status=AttendanceStatus(row["status"]), late_minutes=row["late_minutes"],
                     early_leave_minutes=row["early_leave_minutes"], leave_reason=row["leave_reason"],
                     sign_in_at=row["sign_in_at"], sign_out_at=row["sign_out_at"]).to_dict()


def _level_short(level: int) -> str:
    return {1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级"}[level]
