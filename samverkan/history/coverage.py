"""A history with no holes (SPEC §6 "every change in the history"; issue 13, part 6).

Every model of the project, Django's and the libraries' included, is either recorded in the
history (registered with auditlog in its room's audit.py) or named here with the reason it is
not. Every field of a recorded model is recorded too, or named here with its reason; a
many-to-many field is recorded through `m2m_fields`. A write that sends no model signal
(QuerySet.update, bulk_create, bulk_update) on a recorded model is followed by
`history.record.record_created`, or named in BULK_WRITES with its reason.
tests/history/test_trust_history_complete.py holds the project to this list, and fails on a
model, field or write that is neither recorded nor named, and on a name here that no longer
exists."""

from auditlog.registry import auditlog
from django.apps import apps
from django.db import models

ANONYMITY = (
    "Anonymitet (SPEC §6, P4/ST2): en historikpost om en enkätinbjudan eller ett svar skulle "
    "med sin tidpunkt och sin aktör visa vem som svarade och när."
)

# "app_label.ModelName": why the model is not in the history.
EXEMPT_MODELS: dict[str, str] = {
    "admin.LogEntry": (
        "Adminens egen lista över sina ändringar; varje ändring den listar finns redan i "
        "historiken (auditlog registrerar varje sparning i adminen)."
    ),
    "auth.Permission": (
        "Skapas av migreringarna ur modellerna och ändras inte av någon. Vem som har en "
        "behörighet finns i historiken (User.user_permissions, Group.permissions)."
    ),
    "contenttypes.ContentType": (
        "Skapas av migreringarna; namnger de modeller som historikposterna pekar på."
    ),
    "sessions.Session": (
        "En inloggnings session: ändras vid varje förfrågan och bär en hemlig nyckel. "
        "Inloggningarna syns i usersessions och i allauths egna uppgifter."
    ),
    "usersessions.UserSession": (
        "Listan över en persons inloggade sessioner (för ”logga ut överallt”): bokföring "
        "som ändras vid varje förfrågan (last_seen_at)."
    ),
    "account.EmailConfirmation": (
        "En engångsnyckel för att bekräfta en adress, alltså en hemlighet; att adressen "
        "bekräftades syns i historiken på account.EmailAddress (verified)."
    ),
    "socialaccount.SocialToken": (
        "En inloggningstjänsts åtkomsttoken, en hemlighet; sparas inte alls "
        "(SOCIALACCOUNT_STORE_TOKENS = False)."
    ),
    "django_tasks_database.DBTaskResult": (
        "Bakgrundsjobbens kö och deras status medan de körs; det ett jobb ändrar registreras "
        "av de tjänster det anropar."
    ),
    "history.HistoryEntry": "Historiken själv.",
    "notifications.Notification": (
        "Utkorgen och inkorgarna: varje meddelande är sin egen post (mottagare, när det "
        "skapades, lästes och skickades). Enkätmeddelanden får inte kunna spåras (SPEC §6)."
    ),
    # --- Issue 16 part B2: the daily digest ---
    "notifications.Digest": (
        "Ett dagligt sammanfattningsmejl: utkorgens bokföring (till vem, vilken dag, när det "
        "skickades), som notiserna själva."
    ),
    "notifications.ReminderRun": (
        "Vilken dags påminnelser som har körts: schemaläggarens bokföring."
    ),
    "notifications.ScheduledRun": (
        "Vilken schemaläggare som tog en körning av ett periodiskt jobb: bokföring som gör att "
        "flera schemaläggare köar varje körning en gång."
    ),
    # Issue 17, part A: the stored verdicts are computed from recorded data, never entered.
    "compliance.StoredVerdict": (
        "Lagrade utfall av reglerna, räknade ur data som redan finns i historiken; ingen "
        "skriver dem, systemet räknar om dem efter varje ändring och varje natt."
    ),
    "compliance.VerdictMark": (
        "Markerar att ett nätverks lagrade utfall ska räknas om; skrivs av historiken själv "
        "(en ny historikpost) och raderas när utfallen är omräknade."
    ),
    "compliance.VerdictsVersion": (
        "Ett tal som varje omräkning av de lagrade utfallen höjer, så att sidor kan spara det "
        "de räknat ur dem; inget innehåll."
    ),
    "compliance.VerdictRun": (
        "Bokföring över omräkningarna av alla nätverks utfall (nattlig och manage.py "
        "compliance --refresh)."
    ),
    "backup.BackupRun": (
        "Bokföring över säkerhetskopiorna, skriven av manage.py backup och av ingen annan; "
        "varje rad beskriver en fil utanför databasen. En återställning behåller raderna."
    ),
}

# Apps whose models are exempt unless their audit.py registers them. In surveys only the
# round and its questionnaire are recorded (surveys/audit.py): a model added there is kept out
# of the history until someone decides it tells nothing about who answered.
EXEMPT_APPS: dict[str, str] = {"surveys": ANONYMITY}

# Models that must never be recorded, whatever is registered (the test fails if one is).
NEVER_RECORDED: frozenset[str] = frozenset({"surveys.Invitation", "surveys.Response"})

# "app_label.ModelName.field": why a field of a recorded model is left out of its entries.
UNRECORDED_FIELDS: dict[str, str] = {
    "people.User.last_login": (
        "Ändras vid varje inloggning; inloggningarna syns i usersessions och allauth."
    ),
    "mfa.Authenticator.last_used_at": "Ändras varje gång den andra faktorn används.",
    "socialaccount.SocialAccount.last_login": "Ändras vid varje inloggning via tjänsten.",
    "socialaccount.SocialAccount.extra_data": (
        "Inloggningstjänstens profiluppgifter, som skrivs om vid varje inloggning."
    ),
    "networks.Network.search_text": (
        "Härleds ur namn, område och kommuner, som själva finns i historiken."
    ),
    "networks.YearPlan.version": "Räknare för samtidiga ändringar, inte ett innehåll.",
    "networks.YearPlan.updated_at": "Tidpunkten finns i varje historikpost.",
    "meetings.Meeting.updated_at": "Tidpunkten finns i varje historikpost.",
    "meetings.Minutes.version": "Räknare för samtidiga ändringar, inte ett innehåll.",
    "meetings.Minutes.updated_at": "Tidpunkten finns i varje historikpost.",
    "meetings.CalendarFeed.token_hash": "Kalenderflödets hemlighet (dess hash).",
    "api.ApiToken.key_hash": "Nyckelns hemlighet (dess hash).",
    "api.ApiToken.last_used_at": "Ändras vid varje anrop.",
    # --- Issue 16 part B2 ---
    "notifications.DeliveryChoice.changed_at": "Tidpunkten finns i varje historikpost.",
    "agreements.OnboardingTask.reminded_on": (
        "Den dagliga påminnelsens egen bokföring; påminnelsen själv är ett meddelande."
    ),
}

# (file under samverkan/, ModelName): why a write there that sends no model signal leaves no
# hole in the history.
BULK_WRITES: dict[tuple[str, str], str] = {
    ("networks/services.py", "Network"): "Sätter bara search_text, som inte registreras.",
    ("api/auth.py", "ApiToken"): "Sätter bara last_used_at, som inte registreras.",
    ("agreements/reminders.py", "OnboardingTask"): "Sätter bara reminded_on, som inte registreras.",
    ("demo/direct.py", "Participation"): (
        "Demons nätverk som fanns före Samverkan; den tiden har ingen historik (demo/direct.py, 3)."
    ),
    ("demo/direct.py", "Person"): (
        "Demons medlemmar i nätverk som fanns före Samverkan (demo/direct.py, 3)."
    ),
    ("demo/direct.py", "Membership"): (
        "Demons medlemskap i nätverk som fanns före Samverkan (demo/direct.py, 3)."
    ),
    ("demo/direct.py", "Minutes"): (
        "Demons gamla protokolls godkännandetid, som ingen tjänst kan ange (demo/direct.py, 5)."
    ),
}


def _label(model: type[models.Model]) -> str:
    return model._meta.label


def is_exempt(model: type[models.Model]) -> bool:
    return _label(model) in EXEMPT_MODELS or model._meta.app_label in EXEMPT_APPS


def unrecorded_fields(model: type[models.Model]) -> list[str]:
    """The concrete and many-to-many fields of a recorded model that its entries leave out."""
    options = auditlog.get_model_fields(model)
    include, exclude = options["include_fields"], options["exclude_fields"]
    m2m = auditlog._registry[model]["m2m_fields"]
    out = [
        field.name
        for field in model._meta.concrete_fields
        if (include and field.name not in include) or field.name in exclude
    ]
    for field in model._meta.many_to_many:
        # One through a model of its own is recorded as that model's rows.
        through = field.remote_field.through  # type: ignore[union-attr]
        if through is not None and through._meta.auto_created and field.name not in m2m:
            out.append(field.name)
    return out


def holes() -> list[str]:
    """Each model, field or exemption that breaks the rule above, in words; empty when the
    history has no holes."""
    out = []
    labels = set()
    for model in apps.get_models():
        label = _label(model)
        labels.add(label)
        recorded = auditlog.contains(model)
        if recorded and label in NEVER_RECORDED:
            out.append(f"{label} is recorded, but must never be ({ANONYMITY})")
        elif recorded and label in EXEMPT_MODELS:
            out.append(f"{label} is recorded and also exempt: drop it from EXEMPT_MODELS")
        elif not recorded and not is_exempt(model):
            out.append(f"{label} is neither recorded (audit.py) nor exempt (EXEMPT_MODELS)")
        if not recorded:
            continue
        for name in unrecorded_fields(model):
            if f"{label}.{name}" not in UNRECORDED_FIELDS:
                out.append(f"{label}.{name} is left out of the history without a reason")
    for label in EXEMPT_MODELS:
        if label not in labels:
            out.append(f"EXEMPT_MODELS names {label}, which is no model")
    app_labels = {config.label for config in apps.get_app_configs()}
    for app_label in EXEMPT_APPS:
        if app_label not in app_labels:
            out.append(f"EXEMPT_APPS names {app_label}, which is no app")
    for dotted in UNRECORDED_FIELDS:
        label, _, name = dotted.rpartition(".")
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            out.append(f"UNRECORDED_FIELDS names {dotted}, whose model does not exist")
            continue
        if not auditlog.contains(model):
            out.append(f"UNRECORDED_FIELDS names {dotted}, but {label} is not recorded at all")
        elif name not in unrecorded_fields(model):
            out.append(f"UNRECORDED_FIELDS names {dotted}, which is recorded or no field")
    return out
