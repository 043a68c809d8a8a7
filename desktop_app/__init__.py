"""SkillDesk (职业技能培训机构桌面端): records of subsidised vocational training, offline first."""

__version__ = "0.1.0"
