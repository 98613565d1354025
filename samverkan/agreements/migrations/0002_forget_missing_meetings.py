"""Before the meeting references become foreign keys (0003): a version or review whose meeting
no longer exists keeps its row and loses only the link (NULL), so that adding the constraint
cannot fail on SQLite or PostgreSQL.

A migration of its own, so that PostgreSQL commits these updates before 0003 alters the tables
(an ALTER TABLE in the same transaction as pending trigger events is refused)."""

from django.db import migrations

# (model, integer column holding a meeting's id)
REFERENCES = [("AgreementVersion", "adopted_at_meeting_id"), ("AgreementReview", "meeting_id")]


def forget_missing_meetings(apps, schema_editor):
    db = schema_editor.connection.alias
    meetings = apps.get_model("meetings", "Meeting").objects.using(db).values("pk")
    for model_name, column in REFERENCES:
        model = apps.get_model("agreements", model_name)
        model.objects.using(db).filter(**{f"{column}__isnull": False}).exclude(
            **{f"{column}__in": meetings}
        ).update(**{column: None})


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_missing_meetings, migrations.RunPython.noop, elidable=True),
    ]
