from auditlog.registry import auditlog
from django.contrib.auth.models import Group

from samverkan.people import models

auditlog.register(models.Person)
# Every right an account holds is in its history with old and new values: superuser (full
# secretariat rights in the admin), staff, active, its groups and permissions (issue 13,
# part 6). The password is recorded as changed, never its hash (history/record.py `secret`);
# last_login changes at every sign-in and is left out (coverage.py).
auditlog.register(
    models.User,
    exclude_fields=["last_login"],
    mask_fields=["password"],
    mask_callable="samverkan.history.record.secret",
    m2m_fields={"groups", "user_permissions"},
)
auditlog.register(Group, m2m_fields={"permissions"})
