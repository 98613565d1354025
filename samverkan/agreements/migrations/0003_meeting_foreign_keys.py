"""The meeting references of agreements become foreign keys to meetings.Meeting, keeping their
rows and their columns (`adopted_at_meeting_id`, `meeting_id`).

The fields are first renamed in the migration state only, keeping the column by db_column, so
that AlterField then changes the column's type in place (adding the constraint and an index)
instead of dropping the column and adding a new one. Dangling ids were set to NULL by 0002."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_forget_missing_meetings"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField(
                    model_name="agreementversion",
                    old_name="adopted_at_meeting_id",
                    new_name="adopted_at_meeting",
                ),
                migrations.AlterField(
                    model_name="agreementversion",
                    name="adopted_at_meeting",
                    field=models.PositiveIntegerField(
                        blank=True, null=True, db_column="adopted_at_meeting_id"
                    ),
                ),
                migrations.RenameField(
                    model_name="agreementreview",
                    old_name="meeting_id",
                    new_name="meeting",
                ),
                migrations.AlterField(
                    model_name="agreementreview",
                    name="meeting",
                    field=models.PositiveIntegerField(
                        blank=True, null=True, db_column="meeting_id"
                    ),
                ),
            ],
        ),
        migrations.AlterField(
            model_name="agreementversion",
            name="adopted_at_meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="meetings.meeting",
                verbose_name="Antagen vid möte",
            ),
        ),
        migrations.AlterField(
            model_name="agreementreview",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="meetings.meeting",
                verbose_name="möte",
            ),
        ),
    ]
