"""Initial schema: institution, people, reference data, classes, trainees, attendance, certificates, outbox, audit.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 23:05:32.337673

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('app_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_meta'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=True),
    sa.Column('is_builtin', sa.Boolean(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role in ('administrator', 'registrar', 'teacher', 'clerk', 'auditor')", name=op.f('ck_app_user_role_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('institution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('contact_name', sa.String(length=50), nullable=True),
    sa.Column('contact_phone', sa.String(length=30), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institution')),
    sa.UniqueConstraint('code', name=op.f('uq_institution_code'))
    )
    op.create_table('key_group',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=True),
    sa.Column('free_training', sa.Boolean(), nullable=False),
    sa.Column('living_allowance', sa.Boolean(), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('relatives_extend', sa.Boolean(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_key_group'))
    )
    op.create_table('policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('subsidy_cap', sa.Integer(), nullable=False),
    sa.Column('subsidy_window', sa.String(length=20), nullable=False),
    sa.Column('same_occupation_level_once', sa.Boolean(), nullable=False),
    sa.Column('pension_excluded', sa.Boolean(), nullable=False),
    sa.Column('min_attendance_rate_percent', sa.Integer(), nullable=False),
    sa.Column('online_hours_cap_percent', sa.Integer(), nullable=False),
    sa.Column('min_hours_per_level', sa.JSON(), nullable=False),
    sa.Column('min_practice_percent', sa.Integer(), nullable=False),
    sa.Column('lesson_minutes', sa.Integer(), nullable=False),
    sa.Column('lock_period', sa.String(length=20), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=False),
    sa.Column('max_age', sa.Integer(), nullable=False),
    sa.Column('advance_payment_percent_project_based', sa.Integer(), nullable=False),
    sa.Column('work_for_training_max_months', sa.Integer(), nullable=False),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("subsidy_window in ('calendar_year', 'lifetime')", name=op.f('ck_policy_subsidy_window')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy')),
    sa.UniqueConstraint('code', name=op.f('uq_policy_code'))
    )
    op.create_table('reference_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset', sa.String(length=40), nullable=False),
    sa.Column('version', sa.String(length=60), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('etag', sa.String(length=120), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_version')),
    sa.UniqueConstraint('dataset', 'version', name='dataset_version')
    )
    op.create_table('trainee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('id_number_enc', sa.LargeBinary(), nullable=False),
    sa.Column('id_masked', sa.String(length=24), nullable=False),
    sa.Column('id_type', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=True),
    sa.Column('phone_enc', sa.LargeBinary(), nullable=True),
    sa.Column('phone_masked', sa.String(length=20), nullable=True),
    sa.Column('household_type', sa.String(length=20), nullable=True),
    sa.Column('education', sa.String(length=20), nullable=True),
    sa.Column('employment_status', sa.String(length=30), nullable=True),
    sa.Column('pension_status', sa.Boolean(), nullable=False),
    sa.Column('bank_name', sa.String(length=100), nullable=True),
    sa.Column('bank_account_enc', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("sex is null or sex in ('M', 'F')", name=op.f('ck_trainee_sex_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainee')),
    sa.UniqueConstraint('id_hash', name=op.f('uq_trainee_id_hash')),
    sa.UniqueConstraint('uid', name=op.f('uq_trainee_uid'))
    )
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trainee_name'), ['name'], unique=False)

    op.create_table('training_type',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_training_type'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=True),
    sa.Column('entity_id', sa.String(length=60), nullable=True),
    sa.Column('class_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('entry_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['app_user.id'], name=op.f('fk_audit_log_actor_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('entry_hash', name=op.f('uq_audit_log_entry_hash'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_class_id'), ['class_id'], unique=False)

    op.create_table('occupation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition', sa.String(length=8), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('levels', sa.String(length=10), nullable=False),
    sa.Column('subsidy_class', sa.String(length=1), nullable=True),
    sa.Column('special_ability', sa.Boolean(), nullable=False),
    sa.Column('shortage', sa.Boolean(), nullable=True),
    sa.Column('in_subsidy_catalogue', sa.Boolean(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('reference_version_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("subsidy_class is null or subsidy_class in ('A', 'B', 'C')", name=op.f('ck_occupation_subsidy_class')),
    sa.ForeignKeyConstraint(['reference_version_id'], ['reference_version.id'], name=op.f('fk_occupation_reference_version_id_reference_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_occupation')),
    sa.UniqueConstraint('edition', 'code', name='edition_code')
    )
    op.create_table('subsidy_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference_version_id', sa.Integer(), nullable=False),
    sa.Column('subsidy_class', sa.String(length=1), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['reference_version_id'], ['reference_version.id'], name=op.f('fk_subsidy_rate_reference_version_id_reference_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_rate'))
    )
    op.create_table('teacher',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('title', sa.String(length=50), nullable=True),
    sa.Column('qualification_no', sa.String(length=60), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_teacher_institution_id_institution')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_teacher_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher'))
    )
    op.create_table('trainee_key_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('group_hash', sa.String(length=64), nullable=False),
    sa.Column('group_code_enc', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_trainee_key_group_trainee_id_trainee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainee_key_group')),
    sa.UniqueConstraint('trainee_id', 'group_hash', name='trainee_group')
    )
    with op.batch_alter_table('trainee_key_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trainee_key_group_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('training_class',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('occupation_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('training_type_code', sa.String(length=40), nullable=False),
    sa.Column('project_based', sa.Boolean(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('planned_theory_minutes', sa.Integer(), nullable=False),
    sa.Column('planned_practice_minutes', sa.Integer(), nullable=False),
    sa.Column('planned_online_minutes', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status in ('draft', 'filed', 'in_training', 'completed', 'sealed', 'uploaded', 'returned')", name=op.f('ck_training_class_status_known')),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_training_class_capacity_positive')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_training_class_dates_ordered')),
    sa.CheckConstraint('level between 1 and 5', name=op.f('ck_training_class_level_range')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_training_class_created_by_app_user')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_training_class_institution_id_institution')),
    sa.ForeignKeyConstraint(['occupation_id'], ['occupation.id'], name=op.f('fk_training_class_occupation_id_occupation')),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_training_class_policy_id_policy')),
    sa.ForeignKeyConstraint(['training_type_code'], ['training_type.code'], name=op.f('fk_training_class_training_type_code_training_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_class')),
    sa.UniqueConstraint('code', name=op.f('uq_training_class_code')),
    sa.UniqueConstraint('uid', name=op.f('uq_training_class_uid'))
    )
    op.create_table('class_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('period', sa.String(length=12), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('lessons', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_class_session_times_ordered')),
    sa.CheckConstraint('lessons > 0', name=op.f('ck_class_session_lessons_positive')),
    sa.ForeignKeyConstraint(['class_id'], ['training_class.id'], name=op.f('fk_class_session_class_id_training_class'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_class_session_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_session')),
    sa.UniqueConstraint('uid', name=op.f('uq_class_session_uid'))
    )
    with op.batch_alter_table('class_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_session_class_id'), ['class_id'], unique=False)

    op.create_table('class_teacher',
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['training_class.id'], name=op.f('fk_class_teacher_class_id_training_class'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_class_teacher_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('class_id', 'teacher_id', name=op.f('pk_class_teacher'))
    )
    op.create_table('enrolment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('roll_no', sa.Integer(), nullable=False),
    sa.Column('subsidy_status', sa.String(length=20), nullable=False),
    sa.Column('eligibility_reasons', sa.JSON(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('enrolled_by', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("subsidy_status in ('eligible', 'not_eligible', 'overridden')", name=op.f('ck_enrolment_subsidy_status')),
    sa.ForeignKeyConstraint(['class_id'], ['training_class.id'], name=op.f('fk_enrolment_class_id_training_class'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['enrolled_by'], ['app_user.id'], name=op.f('fk_enrolment_enrolled_by_app_user')),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_enrolment_trainee_id_trainee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment')),
    sa.UniqueConstraint('class_id', 'roll_no', name='class_roll'),
    sa.UniqueConstraint('class_id', 'trainee_id', name='class_trainee'),
    sa.UniqueConstraint('uid', name=op.f('uq_enrolment_uid'))
    )
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('outbox_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('canonical_bytes', sa.LargeBinary(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.Column('key_id', sa.String(length=80), nullable=False),
    sa.Column('supersedes_batch_id', sa.String(length=36), nullable=True),
    sa.Column('reference_versions', sa.JSON(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('receipt', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state in ('sealed', 'sending', 'sent_unconfirmed', 'accepted', 'accepted_with_warnings', 'rejected', 'superseded')", name=op.f('ck_outbox_batch_state_known')),
    sa.ForeignKeyConstraint(['class_id'], ['training_class.id'], name=op.f('fk_outbox_batch_class_id_training_class')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_batch')),
    sa.UniqueConstraint('batch_id', name=op.f('uq_outbox_batch_batch_id'))
    )
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_batch_class_id'), ['class_id'], unique=False)
        batch_op.create_index('ix_outbox_batch_state', ['state'], unique=False)

    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('theory_score', sa.Integer(), nullable=True),
    sa.Column('practical_score', sa.Integer(), nullable=True),
    sa.Column('result', sa.String(length=12), nullable=True),
    sa.Column('retake', sa.Boolean(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.CheckConstraint("result is null or result in ('pass', 'fail')", name=op.f('ck_assessment_result_known')),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_assessment_enrolment_id_enrolment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_assessment_recorded_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
    sa.UniqueConstraint('enrolment_id', name=op.f('uq_assessment_enrolment_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_assessment_uid'))
    )
    op.create_table('attendance_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('late_minutes', sa.Integer(), nullable=False),
    sa.Column('early_leave_minutes', sa.Integer(), nullable=False),
    sa.Column('leave_reason', sa.Text(), nullable=True),
    sa.Column('sign_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sign_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.CheckConstraint("status in ('present', 'late', 'early_leave', 'leave', 'absent')", name=op.f('ck_attendance_mark_status_known')),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_attendance_mark_enrolment_id_enrolment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['class_session.id'], name=op.f('fk_attendance_mark_session_id_class_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], name=op.f('fk_attendance_mark_updated_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_mark')),
    sa.UniqueConstraint('session_id', 'enrolment_id', name='session_enrolment'),
    sa.UniqueConstraint('uid', name=op.f('uq_attendance_mark_uid'))
    )
    with op.batch_alter_table('attendance_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_mark_enrolment_id'), ['enrolment_id'], unique=False)

    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=True),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('issuer', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('issued_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status in ('issued', 'void')", name=op.f('ck_certificate_status_known')),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_certificate_enrolment_id_enrolment')),
    sa.ForeignKeyConstraint(['issued_by'], ['app_user.id'], name=op.f('fk_certificate_issued_by_app_user')),
    sa.ForeignKeyConstraint(['replaces_id'], ['certificate.id'], name=op.f('fk_certificate_replaces_id_certificate')),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_certificate_trainee_id_trainee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('kind', 'number', name='kind_number'),
    sa.UniqueConstraint('uid', name=op.f('uq_certificate_uid'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_enrolment_id'), ['enrolment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('online_learning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.CheckConstraint('minutes >= 0', name=op.f('ck_online_learning_minutes_non_negative')),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_online_learning_enrolment_id_enrolment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_online_learning_recorded_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_learning'))
    )
    with op.batch_alter_table('online_learning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_learning_enrolment_id'), ['enrolment_id'], unique=False)

    op.create_table('attendance_mark_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mark_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('old_value', sa.JSON(), nullable=True),
    sa.Column('new_value', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by'], ['app_user.id'], name=op.f('fk_attendance_mark_history_changed_by_app_user')),
    sa.ForeignKeyConstraint(['mark_id'], ['attendance_mark.id'], name=op.f('fk_attendance_mark_history_mark_id_attendance_mark'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_mark_history')),
    sa.UniqueConstraint('mark_id', 'revision', name='mark_revision')
    )
    with op.batch_alter_table('attendance_mark_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_mark_history_mark_id'), ['mark_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('attendance_mark_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_mark_history_mark_id'))

    op.drop_table('attendance_mark_history')
    with op.batch_alter_table('online_learning', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_learning_enrolment_id'))

    op.drop_table('online_learning')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_trainee_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_enrolment_id'))

    op.drop_table('certificate')
    with op.batch_alter_table('attendance_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_mark_enrolment_id'))

    op.drop_table('attendance_mark')
    op.drop_table('assessment')
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_batch_state')
        batch_op.drop_index(batch_op.f('ix_outbox_batch_class_id'))

    op.drop_table('outbox_batch')
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_trainee_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_class_id'))

    op.drop_table('enrolment')
    op.drop_table('class_teacher')
    with op.batch_alter_table('class_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_session_class_id'))

    op.drop_table('class_session')
    op.drop_table('training_class')
    with op.batch_alter_table('trainee_key_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainee_key_group_trainee_id'))

    op.drop_table('trainee_key_group')
    op.drop_table('teacher')
    op.drop_table('subsidy_rate')
    op.drop_table('occupation')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_class_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')
    op.drop_table('training_type')
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainee_name'))

    op.drop_table('trainee')
    op.drop_table('reference_version')
    op.drop_table('policy')
    op.drop_table('key_group')
    op.drop_table('institution')
    op.drop_table('app_user')
    op.drop_table('app_meta')
