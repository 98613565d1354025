"""Drop django-auditlog's own log table, unused since AUDITLOG_LOGENTRY_MODEL points at
history.HistoryEntry.

auditlog's migrations create `auditlog_logentry` even when the model is swapped out. The empty
table keeps a foreign key to the user table that Django's flush (used by transactional tests)
does not know about, so PostgreSQL refuses to truncate the user table. When upgrading
django-auditlog, check that its new migrations do not alter that table (they would fail)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0002_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunSQL(
            "DROP TABLE IF EXISTS auditlog_logentry",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
