"""The admin behind the same door (issue 12, item 4): /admin/login/ sends to the normal sign-in
(/konto/login/?next=/admin/), so its rate limits and the second factor apply; the admin's own
login form never checks a password."""

from typing import Any

from allauth.account.decorators import secure_admin_login


def send_admin_sign_in_to_the_normal_door(site: Any) -> None:
    if not getattr(site.login, "samverkan_normal_door", False):
        site.login = secure_admin_login(site.login)
        site.login.samverkan_normal_door = True
