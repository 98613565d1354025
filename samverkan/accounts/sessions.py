"""Ending a person's sessions (issue 12, item 8): when their account is deactivated (saved with
is_active False; a queryset update() sends no signal), when they leave the secretariat, and
when their last role in a network ends (networks/services.py `end_membership` calls
`end_sessions`)."""

from typing import Any

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from samverkan.people.models import Person, User


def end_sessions(user: Any) -> int:
    """Sign the user out everywhere: the sessions allauth.usersessions lists, and any other
    stored session that belongs to the user. Returns how many ended."""
    ended = 0
    for user_session in UserSession.objects.filter(user_id=user.pk):
        user_session.end()
        ended += 1
    if settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        # Sessions made before allauth.usersessions tracked them. Rare (a deactivation), so
        # reading the live sessions once is acceptable.
        mine = [
            row.session_key
            for row in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
            if row.get_decoded().get(SESSION_KEY) == str(user.pk)
        ]
        if mine:
            from importlib import import_module

            store = import_module(settings.SESSION_ENGINE).SessionStore
            for key in mine:
                store(key).delete()
            ended += len(mine)
    return ended


@receiver(pre_save, sender=User)
def _note_deactivation(sender: Any, instance: User, **kwargs: Any) -> None:
    if instance.pk is None or instance.is_active:
        return
    was_active = User.objects.filter(pk=instance.pk, is_active=True).exists()
    instance._samverkan_deactivated = was_active  # type: ignore[attr-defined]


@receiver(post_save, sender=User)
def _end_sessions_on_deactivation(sender: Any, instance: User, **kwargs: Any) -> None:
    if getattr(instance, "_samverkan_deactivated", False):
        instance._samverkan_deactivated = False  # type: ignore[attr-defined]
        transaction.on_commit(lambda: end_sessions(instance))


@receiver(pre_save, sender=Person)
def _note_secretariat_ended(sender: Any, instance: Person, **kwargs: Any) -> None:
    if instance.pk is None or instance.is_secretariat or not instance.user_id:
        return
    was = Person.objects.filter(pk=instance.pk, is_secretariat=True).exists()
    instance._samverkan_left_secretariat = was  # type: ignore[attr-defined]


@receiver(post_save, sender=Person)
def _end_sessions_on_leaving_secretariat(sender: Any, instance: Person, **kwargs: Any) -> None:
    """Leaving the secretariat is ending a role: the person signs in again, with less."""
    if getattr(instance, "_samverkan_left_secretariat", False):
        instance._samverkan_left_secretariat = False  # type: ignore[attr-defined]
        user = instance.user
        transaction.on_commit(lambda: end_sessions(user))
