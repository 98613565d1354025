"""Issue 12, item 6: one person per e-mail address, case-insensitive (0002 made it true).

A migration of its own: on PostgreSQL the index is built in a transaction of its own, after
0002's updates are committed."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_resolve_duplicate_emails"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("email", ""), _negated=True),
                name="person_email_unique_ci",
                violation_error_message="Adressen används redan av en annan person.",
            ),
        ),
    ]
