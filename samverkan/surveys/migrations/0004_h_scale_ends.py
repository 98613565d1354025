"""Issue 16, point 14: each scale question says what its 1 and 5 mean. The standard questions
of rounds already made get the words of the standard questionnaire."""

from django.db import migrations, models

ENDS = {
    "value": ("inget värde", "mycket stort värde"),
    "meetings": ("mycket dåligt", "mycket bra"),
    "goals": ("inte alls", "helt och hållet"),
    "cooperation": ("mycket dåligt", "mycket bra"),
}


def fill(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    for key, (low, high) in ENDS.items():
        Question.objects.filter(key=key, kind="scale", scale_low="", scale_high="").update(
            scale_low=low, scale_high=high
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_trust_anonymity")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="scale_low",
            field=models.CharField(blank=True, max_length=100, verbose_name="1 betyder"),
        ),
        migrations.AddField(
            model_name="question",
            name="scale_high",
            field=models.CharField(blank=True, max_length=100, verbose_name="5 betyder"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
