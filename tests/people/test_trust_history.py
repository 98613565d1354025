"""Rights and roles are in the history with old and new values (SPEC §6 "every change in the
history"; issue 13, part 6). The attack of the issue: granting an account superuser (full
secretariat rights in the admin) left no entry at all, nor did its groups or permissions."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.timezone import localtime

from samverkan.history.context import acting
from samverkan.history.models import HistoryEntry
from samverkan.history.record import SET, UNSET
from samverkan.networks import services as network_services
from samverkan.networks.models import Membership
from samverkan.people.models import Person, User


def entries_of(obj) -> list[HistoryEntry]:
    return list(
        HistoryEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_pk=str(obj.pk)
        ).order_by("pk")
    )


def admin_change(client, user: User, **rights) -> None:
    """Save the admin's change form of `user` with these rights, as the secretariat would."""
    data = {
        "email": user.email,
        "language": user.language,
        "is_active": "on",
        "groups": [str(g.pk) for g in rights.pop("groups", [])],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": localtime(user.date_joined).strftime("%Y-%m-%d"),
        "date_joined_1": localtime(user.date_joined).strftime("%H:%M:%S"),
    }
    data.update({name: "on" for name, on in rights.items() if on})
    response = client.post(reverse("admin:people_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_granting_superuser_in_the_admin_is_recorded_with_who_and_old_and_new(
    cast, admin_client, admin_user
):
    member = cast.user("member")
    admin_change(admin_client, member, is_staff=True, is_superuser=True)
    member.refresh_from_db()
    assert member.is_superuser and member.is_staff
    entry = entries_of(member)[-1]
    assert entry.action == HistoryEntry.Action.UPDATE
    assert entry.actor == admin_user
    assert entry.changes["is_superuser"] == ["False", "True"]
    assert entry.changes["is_staff"] == ["False", "True"]

    admin_change(admin_client, member, is_staff=True)
    assert entries_of(member)[-1].changes == {"is_superuser": ["True", "False"]}


def test_groups_given_and_taken_in_the_admin_are_recorded(cast, admin_client, admin_user):
    board = Group.objects.create(name="Sekretariatets admin")
    member = cast.user("member")
    admin_change(admin_client, member, groups=[board])
    given = entries_of(member)[-1]
    assert given.actor == admin_user
    assert given.changes == {
        "groups": {"type": "m2m", "operation": "add", "objects": ["Sekretariatets admin"]}
    }
    admin_change(admin_client, member, groups=[])
    taken = entries_of(member)[-1]
    assert taken.changes["groups"]["operation"] == "delete"
    assert taken.changes["groups"]["objects"] == ["Sekretariatets admin"]


def test_permissions_of_an_account_and_of_a_group_are_recorded(cast):
    permission = Permission.objects.get(codename="change_person")
    member = cast.user("member")
    with acting(cast.user("secretariat"), "grant_permission"):
        member.user_permissions.add(permission)
        group = Group.objects.create(name="Personregister")
        group.permissions.add(permission)
    entry = entries_of(member)[-1]
    assert entry.verb == "grant_permission"
    assert entry.actor == cast.user("secretariat")
    assert entry.changes["user_permissions"]["operation"] == "add"
    assert entry.changes["user_permissions"]["objects"] == [str(permission)]
    assert [e.action for e in entries_of(group)] == [
        HistoryEntry.Action.CREATE,
        HistoryEntry.Action.UPDATE,
    ]
    assert entries_of(group)[-1].changes["permissions"]["objects"] == [str(permission)]


def test_a_password_change_is_recorded_without_the_hash(cast):
    member = cast.user("member")
    member.set_password("Ett-nytt-losenord-2026")
    member.save()
    entry = entries_of(member)[-1]
    assert entry.changes == {"password": [SET, SET]}
    assert member.password not in str(entry.changes) + str(entry.serialized_data)
    newcomer = User.objects.create_user("ny@example.se", None)
    assert entries_of(newcomer)[0].changes["password"] == [UNSET, UNSET]
    newcomer.set_password("Ett-forsta-losenord-2026")
    newcomer.save()
    assert entries_of(newcomer)[-1].changes == {"password": [UNSET, SET]}


def test_secretariat_flag_is_recorded_with_old_and_new(cast):
    person = Person.objects.get(pk=cast.people["member"].pk)
    with acting(cast.user("secretariat"), "admin"):
        person.is_secretariat = True
        person.save()
    entry = entries_of(person)[-1]
    assert entry.changes == {"is_secretariat": ["False", "True"]}
    assert entry.actor == cast.user("secretariat")


def test_a_role_in_a_network_is_recorded_when_given_and_when_it_ends(cast):
    membership = network_services.add_membership(
        cast.user("coordinator"),
        cast.network,
        person=cast.people["member"],
        role=Membership.Role.SECRETARY,
    )
    network_services.end_membership(cast.user("coordinator"), membership)
    given, ended = entries_of(membership)
    assert given.changes["role"] == ["None", "secretary"]
    assert given.actor == ended.actor == cast.user("coordinator")
    assert ended.verb == "end_membership" and ended.changes["end_on"][0] == "None"
