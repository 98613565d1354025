"""Issue 12, item 6: before one address may belong to one person only (0003), find the
addresses several people share and keep each on one of them.

People are never merged here: merging would move roles, answers and history from one person to
another on a guess. The address stays with the person most likely to be its owner — the one
whose account signs in with it, then anyone with an account, then the one the most rows name
(memberships, contacts, notices …), then the oldest — and is cleared on the others. N6 then
lists them as unreachable, for the secretariat to check. Each change is a history entry, and
the migration prints one line per shared address.
"""

from collections import defaultdict

from django.db import migrations, models

VERB = "resolve_duplicate_email"


def _references(person) -> int:
    """How many rows name the person, over every relation the project state knows."""
    total = 0
    for relation in person._meta.related_objects:
        manager = relation.related_model._base_manager
        total += manager.filter(**{relation.field.name: person}).count()
    return total


def _rank(person, address: str) -> tuple[bool, bool, int, int]:
    user = person.user
    return (
        user is not None and user.email.lower() == address,
        user is not None,
        _references(person),
        -person.pk,
    )


def resolve_duplicate_emails(apps, write=print) -> dict[str, tuple[int, list[int]]]:
    """Lower-case every person's address; where several people share one, keep it on one and
    clear it on the others. Returns {address: (kept pk, [cleared pks])}."""
    Person = apps.get_model("people", "Person")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HistoryEntry = apps.get_model("history", "HistoryEntry")
    people = Person._base_manager.select_related("user").exclude(email="").order_by("pk")
    by_address = defaultdict(list)
    for person in people:
        address = person.email.strip().lower()
        if person.email != address:
            Person._base_manager.filter(pk=person.pk).update(email=address)
            person.email = address
        by_address[address].append(person)
    shared = {a: group for a, group in by_address.items() if len(group) > 1}
    if not shared:
        return {}
    content_type, _created = ContentType.objects.get_or_create(app_label="people", model="person")
    done = {}
    for address, group in sorted(shared.items()):
        keep = max(group, key=lambda p: _rank(p, address))
        cleared = [p for p in group if p.pk != keep.pk]
        Person._base_manager.filter(pk__in=[p.pk for p in cleared]).update(email="")
        HistoryEntry.objects.bulk_create(
            HistoryEntry(
                content_type=content_type,
                object_pk=str(p.pk),
                object_id=p.pk,
                object_repr=p.name,
                action=1,  # auditlog's LogEntry.Action.UPDATE
                changes={"email": [address, ""]},
                changes_text=f"Adressen delades med person {keep.pk}, som behåller den.",
                verb=VERB,
            )
            for p in cleared
        )
        names = ", ".join(f"{p.pk} ({p.name})" for p in cleared)
        write(f"  people.0002: {address}: kept on {keep.pk} ({keep.name}); cleared on {names}")
        done[address] = (keep.pk, [p.pk for p in cleared])
    return done


def forwards(apps, schema_editor):
    resolve_duplicate_emails(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cooperation", "0002_initial"),
        # Every room whose rows name a person, so that the ranking counts them all.
        ("agreements", "0003_meeting_foreign_keys"),
        ("api", "0001_initial"),
        ("costs", "0001_initial"),
        ("history", "0003_drop_unused_auditlog_table"),
        ("meetings", "0001_initial"),
        ("networks", "0003_network_proposed_by_material_question_and_more"),
        ("notifications", "0001_initial"),
        ("surveys", "0002_alter_surveyround_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="pending_email",
            field=models.EmailField(
                blank=True, max_length=254, verbose_name="ny e-post, ej bekräftad"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="pending_email_requested_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ny e-post begärd"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
