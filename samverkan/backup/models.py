from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupRun(models.Model):
    """A backup archive that `manage.py backup` wrote (samverkan/backup/services.py).

    Bookkeeping about files outside the database: the archive a row names is not in the
    database, and a row is written only once its archive is complete. A restore keeps the rows
    the database had before it (services.restore), so the admin still shows the latest backup."""

    finished_at = models.DateTimeField(_("klar"), db_index=True)
    path = models.CharField(_("fil"), max_length=1000)
    size = models.BigIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    vendor = models.CharField(_("databas"), max_length=20)
    seconds = models.FloatField(_("tid (sekunder)"))

    class Meta:
        verbose_name = _("säkerhetskopia")
        verbose_name_plural = _("säkerhetskopior")
        ordering = ["-finished_at", "-id"]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} {self.path}"
