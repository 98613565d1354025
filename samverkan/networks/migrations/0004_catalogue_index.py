"""Issue 17: the catalogue's filter (in the catalogue, status) and its order (name) in one index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0003_network_proposed_by_material_question_and_more"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="network",
            index=models.Index(fields=["in_catalogue", "status", "name"], name="network_catalogue"),
        ),
    ]
