"""Issue 13: calendar-feed secrets are stored as a hash only, a feed may expire, and a network's
feed is per person. Existing secrets are hashed, so personal feeds keep their addresses; the
shared network feeds (one address for every member, no person) are revoked, since nobody can
tell who holds them; each member makes their own."""

import hashlib

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone


def hash_secrets_and_end_shared_feeds(apps, schema_editor):
    CalendarFeed = apps.get_model("meetings", "CalendarFeed")
    now = timezone.now()
    feeds = list(CalendarFeed.objects.only("pk", "token", "person_id", "revoked_at"))
    for feed in feeds:
        feed.token_hash = hashlib.sha256(feed.token.encode()).hexdigest()
        if feed.person_id is None and feed.revoked_at is None:
            feed.revoked_at = now
    CalendarFeed.objects.bulk_update(feeds, ["token_hash", "revoked_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="calendarfeed", name="calendar_feed_one_owner"),
        migrations.RemoveConstraint(
            model_name="calendarfeed", name="calendar_feed_one_live_per_network"
        ),
        migrations.RemoveConstraint(
            model_name="calendarfeed", name="calendar_feed_one_live_per_person"
        ),
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="calendarfeed",
            name="expires_on",
            field=models.DateField(
                blank=True,
                help_text="Tomt: gäller tills adressen byts eller spärras.",
                null=True,
                verbose_name="gäller till och med",
            ),
        ),
        # Backwards there is nothing to restore: the plain secrets are kept nowhere, so the
        # feeds would need new addresses (renew them).
        migrations.RunPython(hash_secrets_and_end_shared_feeds, migrations.RunPython.noop),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AddConstraint(
            model_name="calendarfeed",
            constraint=models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(revoked_at__isnull=False),
                name="calendar_feed_live_has_person",
            ),
        ),
        migrations.AddConstraint(
            model_name="calendarfeed",
            constraint=models.UniqueConstraint(
                condition=Q(revoked_at__isnull=True, network__isnull=True),
                fields=("person",),
                name="calendar_feed_one_live_per_person",
            ),
        ),
        migrations.AddConstraint(
            model_name="calendarfeed",
            constraint=models.UniqueConstraint(
                condition=Q(revoked_at__isnull=True, network__isnull=False),
                fields=("network", "person"),
                name="calendar_feed_one_live_per_network_and_person",
            ),
        ),
    ]
