"""The statement's default texts, written for this system (DIGG's model statement, "Så skriver
du en tillgänglighetsredogörelse"): shown wherever the secretariat has left a text blank."""

from django.utils.translation import gettext_lazy as _

PROVIDER = _(
    "Den här webbplatsen tillhandahålls av %(name)s och sköts av samverkans sekretariat. "
    "Vi vill att så många som möjligt ska kunna använda den, oavsett funktionsförmåga. Den "
    "här redogörelsen beskriver hur webbplatsen uppfyller lagen (2018:1937) om "
    "tillgänglighet till digital offentlig service, kända tillgänglighetsproblem och hur du "
    "kan rapportera brister till oss så att vi kan åtgärda dem."
)
COMPLIANCE = {
    "full": _(
        "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig "
        "service: den uppfyller kraven i EN 301 549 och WCAG 2.1 på nivå AA."
    ),
    "partial": _(
        "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig "
        "service, på grund av de brister som beskrivs nedan. Målet är EN 301 549 och WCAG 2.1 "
        "på nivå AA."
    ),
    "not": _(
        "Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig "
        "service. De allvarligaste bristerna beskrivs nedan."
    ),
}
KNOWN_ISSUES = _(
    "Dokument som nätverken laddar upp (till exempel protokoll och material i PDF- eller "
    "Office-format) kontrolleras inte av systemet och kan sakna rubriker, alternativtext eller "
    "taggar. Det är inte ett oskäligt betungande undantag; be nätverkets samordnare eller "
    "sekretariatet om dokumentet i ett tillgängligt format.\n"
    "Diagrammen på statistiksidorna visar siffror som grafik; samma siffror finns alltid i en "
    "tabell bredvid diagrammet och kan laddas ner som fil.\n"
    "Översikten för sekretariatet är en bred tabell som på små skärmar rullar i sidled inuti "
    "sin ram."
)
REPORT = _(
    "Om du upptäcker problem som inte är beskrivna på den här sidan, eller om du behöver "
    "innehåll i ett annat format, kan du skriva till oss med formuläret nedan eller skicka "
    "e-post till sekretariatet. Vi svarar så snart vi kan, normalt inom två arbetsdagar."
)
ENFORCEMENT = _(
    "Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen "
    "(2018:1937) om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur "
    "vi hanterar dina synpunkter kan du kontakta DIGG och påtala det: "
    "Myndigheten för digital förvaltning, Box 14, 851 02 Sundsvall, "
    "https://www.digg.se/tdosanmalan."
)
ASSESSMENT = _(
    "Webbplatsen har granskats av de som utvecklar den. Varje sida som en inloggad person kan "
    "nå granskas automatiskt med axe-core mot WCAG 2.1 nivå A och AA vid varje ändring av "
    "systemet, i Chromium, även i mobilbredd (390 pixlar). Sidorna har också provats med "
    "enbart tangentbord och med 200 procents förstoring."
)
