"""The texts and tables of the demo data, in one place; build.py and its steps make the demo
from them through the services.

Familjen Helsingborg's agreement excerpt, vision, business idea and development areas are the
seed's wording (seeds 000 and 003), and so is Socialchefsnätverket's agreement. Everything else —
the successor development plan, the networks other than Socialchefsnätverket, every person,
e-mail address and phone number, the meetings, costs and survey answers — is invented for the
demo; the e-mail domains are under example.se and demo.se."""

from typing import NamedTuple

COOPERATION_NAME = "Familjen Helsingborg"

# Seed 000, "Ur samarbetsavtalet för Familjen Helsingborg", § 1.
AGREEMENT_TEXT = """§ 1 Syfte och samarbetsformer

Kommitténs namn är Familjen Helsingborg. Samarbetet utgår från en gemensam vision och \
verksamhetsidé. Familjen Helsingborg ska samarbeta för tillväxt, effektivitet och utveckling i \
kommunerna. Uppgiften för samarbetskommittén är att bredda och fördjupa samarbetet så att \
kommunerna tar tillvara utvecklingsmöjligheterna för vår region.

Samarbetet inom Familjen Helsingborg bygger på att alla vinner – om inte vid varje tillfälle – \
så åtminstone över tid, vilket förutsätter uthållighet och helhetssyn. Det krävs engagemang, \
generositet och medvetenhet om att helheten är större än delarna."""

PURPOSE = (
    "Familjen Helsingborg ska samarbeta för tillväxt, effektivitet och utveckling i kommunerna. "
    "Uppgiften för samarbetskommittén är att bredda och fördjupa samarbetet så att kommunerna "
    "tar tillvara utvecklingsmöjligheterna för vår region."
)

# Seed 000, "Ur Familjen Helsingborgs Utvecklingsplan".
VISION = """År 2035 ska Familjen Helsingborg
– upplevas som en mångsidig och sammanhängande stadsbygd
– uppfattas som innovativ och spännande
– uppnå livskvalitet för invånare och livskraft för företag"""

BUSINESS_IDEA = (
    "I Familjen Helsingborg utvecklar vi vår stadsbygd tillsammans. Vi skapar de bästa "
    "förutsättningarna för livskvalitet hos invånare och livskraft hos företag. Vi vågar testa "
    "nya lösningar och arbetssätt. Känslan skapar Familjen Helsingborg."
)

# Seed 000, "Fyra utvecklingsområden 2020-2023": (name, description, goal).
DEVELOPMENT_AREAS = [
    (
        "Livskvalitet",
        "I Familjen Helsingborgs skapar vi livskvalitet tillsammans. Vi tar till vara "
        "initiativkraft hos individer och organisationer. Våra miljöer, mötesplatser och "
        "upplevelser lockar både nationellt och internationellt.",
        "I Familjen Helsingborg upplever människor högre livskvalitet.",
    ),
    (
        "Företagsamhet",
        "I Familjen Helsingborg vill fler etablera verksamheter och göra investeringar. Vi "
        "utvecklar gemensamma tjänster och lösningar för hela företagarresan – uppstart, "
        "utveckling och drift. Tillsammans arbetar vi för en ständigt bättre "
        "kompetensförsörjning.",
        "I Familjen Helsingborg lyckas nystartade företag bättre och företag växer snabbare.",
    ),
    (
        "Infrastruktur",
        "I Familjen Helsingborg är vi nära varandra och vår omvärld genom utveckling av smarta "
        "lösningar för infrastruktur. Kollektivtrafiken ska anpassas efter de behov som finns "
        "hos invånare och arbetsgivare.",
        "I Familjen Helsingborg är det enklare att mötas och att resa.",
    ),
    (
        "Digitalisering",
        "I Familjen Helsingborg tänker vi digitalt först. Vi driver utveckling av digitala "
        "lösningar genom att dela lärdomar.",
        "I Familjen Helsingborg är digitalisering en självklar del av verksamheterna.",
    ),
]

# Seed 003: Socialchefsnätverket's agreement (samverkansöverenskommelse), in full, for the
# network's description now and for the agreements app later.
SOCIALCHEF_AGREEMENT = """Inledning
I den årliga verksamhetsplanen för Familjen Helsingborg beskrivs samarbetet inom regionen Skåne \
Nordväst. Det väletablerade samarbetet inom Familjen Helsingborg syftar till att samtliga \
deltagare på sikt kommer att vinna på att samarbeta. Det är ett samarbete som bygger på \
engagemang, generositet och förmågan att se helheten före den egna delen. Samarbete mellan \
medlemskommunerna, även på områden som inte tas upp i verksamhetsplanen, uppmuntras.

I Familjen Helsingborg har behovet av samverkan mellan de deltagande kommunernas \
socialchefer/förvaltningschefer uppmärksammats. Cheferna har därför bildat ett kollegialt \
nätverk för att samverka kring frågor om socialtjänst.

Parter
Deltagande kommuner i Familjen Helsingborg/Skåne Nordväst: Bjuv, Båstad, Helsingborg, Höganäs, \
Klippan, Landskrona, Perstorp, Svalöv, Åstorp, Ängelholm och Örkelljunga.

Former för samverkan
– Socialchefsnätverket är en resurs och en arena för att skapa en bredare belysning av frågor \
inom området. Frågor som kan belysas initieras av någon av kommunerna, eller så kan frågor \
initieras av nätverket för fortsatt process i kommunerna. Så även i samverkansfrågor mellan \
kommunerna och Region Skåne.
– Nätverket kan endast arbeta med frågor som berör minst två av kommunerna.
– I frågor där nätverkets medlemmar ska delta i övergripande samarbeten eller arenor, kan \
nätverket uppdra åt någon eller några att företräda samtliga de som har intressen i frågan.
– Nätverket kan initiera arbetsgrupper inom olika frågeområden. Varje arbetsgrupp stöds av en \
utsedd kontaktperson inom nätverket.

Principer för samverkan
– Socialchefsnätverkets ambition är att ständigt arbeta med och belysa minst tre \
frågeområden i verksamhetsplanen, som kan möjliggöra samverkan för minst hälften av kommunerna.
– Kostnader som uppstår i utvecklingsfas delas efter kommunernas invånarantal.
– Nätverket säkerställer att nya socialchefs-/förvaltningschefskolleger i de deltagande \
kommunerna introduceras och bjuds in till nätverket av en särskilt utsedd representant.

Ordförandeskap
Nätverket sammanträder vid ca tio tillfällen per år. Ordförandeskapet delas av två kommuner och \
innehas under ett år. Värdskapet är en del av ordförandeskapet. Nya ordförande utses inför \
varje år. Sekreterarskapet innehas av planeringsledaren.

Åtagande
Att delta i Socialchefsnätverket är ett personligt åtagande, vilket innebär att inga ersättare \
deltar i nätverket vid tillfällen då en eller flera deltagare inte kan närvara. Nätverket \
utvärderar och reviderar denna överenskommelse vid sista mötet för året. Inför varje nytt år \
görs en verksamhetsplan för vilka områden som nätverket ska arbeta med under kommande år."""

SOCIALCHEF_DESCRIPTION = (
    "I Familjen Helsingborg har behovet av samverkan mellan de deltagande kommunernas "
    "socialchefer/förvaltningschefer uppmärksammats. Cheferna har därför bildat ett kollegialt "
    "nätverk för att samverka kring frågor om socialtjänst. Socialchefsnätverket är en resurs "
    "och en arena för att skapa en bredare belysning av frågor inom området."
)

# Seed 003, "Syftet med samverkan": the five aims.
SOCIALCHEF_PURPOSE = """Syftet med samverkan:
– Bidra till framgång i arbetet inom Familjen Helsingborg.
– Genom ett framgångsrikt arbete bli en god förebild för andra samarbeten mellan kommunerna.
– Överföring och utveckling av kunskap mellan deltagarna i samverkan.
– Bidra till en hållbar ekonomi och verksamhet inom området.
– Bli en drivande kraft i socialtjänstfrågor och stärka socialtjänsten i alla deltagande \
kommuner."""

SOCIALCHEF_MEETINGS = (
    "Nätverket sammanträder vid ca tio tillfällen per år. Ordförandeskapet delas av två "
    "kommuner och innehas under ett år; värdskapet är en del av ordförandeskapet. Nya "
    "ordförande utses inför varje år. Sekreterarskapet innehas av planeringsledaren. Att delta "
    "är ett personligt åtagande: inga ersättare deltar."
)

SOCIALCHEF_CONTRIBUTION = (
    "Nätverket bidrar till Familjen Helsingborgs syfte genom att bredda och fördjupa samarbetet "
    "inom socialtjänsten: gemensamma lösningar ger effektivitet, och kunskap som förs över "
    "mellan kommunerna ger invånare som behöver stöd en högre livskvalitet."
)

# Invented focus areas ("minst tre frågeområden", seed 003) per year offset from this year.
SOCIALCHEF_GOALS = {
    -1: [
        "Gemensam kompetensförsörjning av socialsekreterare, med ett introduktionsprogram för "
        "nyanställda.",
        "Digitalt ekonomiskt bistånd: samma e-tjänst och automatiserade beslut i fler kommuner.",
        "Våld i nära relationer: gemensam utbildning för handläggare.",
    ],
    0: [
        "Gemensam placeringsplanering för barn och unga (HVB och familjehem).",
        "Barns och ungas psykiska hälsa: samverkan med Region Skåne om en gemensam väg in.",
        "Kompetensförsörjning: fortsatt introduktionsprogram och gemensam rekrytering.",
    ],
    1: [
        "Ny socialtjänstlag: förebyggande arbete och tidiga insatser i alla kommuner.",
        "Gemensam placeringsplanering för barn och unga, uppföljning av första året.",
        "Hemlöshet och bostad först: erfarenhetsutbyte och gemensamma riktlinjer.",
    ],
}

AREAS = [
    "Socialtjänst",
    "Vård och omsorg",
    "IT",
    "Bibliotek",
    "Samhällsplanering",
    "Utbildning",
    "Kultur",
    "Miljö",
    "Näringsliv",
    "Kommunikation",
    "HR",
    "Ekonomi",
    "Räddningstjänst",
]

# Which development areas a network in an area usually says it contributes to (N2).
AREA_DEVELOPMENT = {
    "Socialtjänst": ["Livskvalitet"],
    "Vård och omsorg": ["Livskvalitet", "Digitalisering"],
    "IT": ["Digitalisering"],
    "Bibliotek": ["Livskvalitet", "Digitalisering"],
    "Samhällsplanering": ["Infrastruktur", "Livskvalitet"],
    "Utbildning": ["Livskvalitet", "Företagsamhet"],
    "Kultur": ["Livskvalitet"],
    "Miljö": ["Livskvalitet", "Infrastruktur"],
    "Näringsliv": ["Företagsamhet"],
    "Kommunikation": ["Digitalisering"],
    "HR": ["Företagsamhet"],
    "Ekonomi": ["Digitalisering"],
    "Räddningstjänst": ["Infrastruktur"],
}


class DemoNetwork(NamedTuple):
    """An invented network. `flags` set its compliance on purpose, so that the dashboard shows
    every verdict: next (next year's plan adopted, N3 ok in November), noplan (no plan this
    year: N1/N3 missing), draft (this year's plan not adopted: N3 warning), noareas (no
    development areas: N2 warning), nocontrib (N1 missing), nocoord (N4 missing), stale (N6
    warning), noemail (N6 missing), region (a Region Skåne member), and the statuses proposed,
    starting, closed."""

    name: str
    area: str
    title: str
    topic: str
    purpose: str
    flags: str = ""


NETWORKS = [
    DemoNetwork(
        "Nätverket för ekonomiskt bistånd",
        "Socialtjänst",
        "Enhetschef, ekonomiskt bistånd",
        "ekonomiskt bistånd",
        "Nätverket samordnar arbetet med ekonomiskt bistånd och vägar till egen försörjning, med "
        "gemensamma rutiner och digitala ansökningar.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för barn och unga",
        "Socialtjänst",
        "Enhetschef, barn och unga",
        "den sociala barn- och ungdomsvården",
        "Nätverket stärker den sociala barn- och ungdomsvården genom gemensam placeringsplanering, "
        "familjehemsrekrytering och erfarenhetsutbyte.",
    ),
    DemoNetwork(
        "Nätverket mot våld i nära relationer",
        "Socialtjänst",
        "Samordnare, våld i nära relationer",
        "våld i nära relationer",
        "Nätverket utvecklar kommunernas arbete mot våld i nära relationer och hedersrelaterat "
        "våld och ordnar gemensamma utbildningar.",
        "noareas",
    ),
    DemoNetwork(
        "Beroendenätverket",
        "Socialtjänst",
        "Enhetschef, vuxen och beroende",
        "missbruk och beroende",
        "Nätverket utvecklar stöd och behandling vid missbruk och beroende och samordnar arbetet "
        "med Region Skåne.",
        "stale",
    ),
    DemoNetwork(
        "Äldreomsorgsnätverket",
        "Vård och omsorg",
        "Verksamhetschef, äldreomsorg",
        "äldreomsorgen",
        "Nätverket samlar äldreomsorgens chefer för att utveckla vård och omsorg om äldre, från "
        "hemtjänst till särskilt boende.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för funktionsstöd och LSS",
        "Vård och omsorg",
        "Verksamhetschef, funktionsstöd",
        "funktionsstöd",
        "Nätverket utvecklar insatser enligt LSS och inom socialpsykiatrin och jämför kvalitet och "
        "kostnader mellan kommunerna.",
        "draft",
    ),
    DemoNetwork(
        "MAS-nätverket",
        "Vård och omsorg",
        "Medicinskt ansvarig sjuksköterska",
        "patientsäkerhet",
        "Medicinskt ansvariga sjuksköterskor samordnar patientsäkerhet, läkemedelshantering och "
        "samverkan med primärvården.",
        "nocoord",
    ),
    DemoNetwork(
        "IT-chefsnätverket",
        "IT",
        "IT-chef",
        "IT-drift och digital infrastruktur",
        "Nätverket samordnar kommunernas IT-drift, gemensamma upphandlingar och den digitala "
        "infrastrukturen.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för informationssäkerhet",
        "IT",
        "Informationssäkerhetssamordnare",
        "informationssäkerhet",
        "Nätverket delar riskanalyser, rutiner och erfarenheter av incidenter så att kommunernas "
        "information skyddas på samma nivå.",
    ),
    DemoNetwork(
        "E-tjänstenätverket",
        "IT",
        "Digitaliseringsstrateg",
        "e-tjänster och automatisering",
        "Nätverket tar fram och delar e-tjänster och automatiseringar så att invånarna möter "
        "samma goda service i alla kommuner.",
        "noplan",
    ),
    DemoNetwork(
        "Nätverket för AI i offentlig verksamhet",
        "IT",
        "Digitaliseringsstrateg",
        "AI i offentlig verksamhet",
        "Nätverket ska pröva AI-verktyg tillsammans, dela riskbedömningar och ta fram gemensamma "
        "riktlinjer för ansvarsfull användning.",
        "proposed",
    ),
    DemoNetwork(
        "E-arkivnätverket",
        "IT",
        "Arkivarie",
        "e-arkiv",
        "Nätverket införde en gemensam e-arkivlösning och samordnade arkivredovisningen.",
        "closed",
    ),
    DemoNetwork(
        "Biblioteksnätverket",
        "Bibliotek",
        "Bibliotekschef",
        "biblioteken",
        "Bibliotekscheferna samordnar bibliotekssamarbetet: ett lånekort som gäller i alla "
        "kommuner, gemensamma transporter och medieinköp.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för skolbibliotek",
        "Bibliotek",
        "Skolbibliotekarie",
        "skolbiblioteken",
        "Nätverket utvecklar skolbibliotekens pedagogiska roll och delar material för "
        "källkritik och läsundervisning.",
        "stale",
    ),
    DemoNetwork(
        "Nätverket för läsfrämjande",
        "Bibliotek",
        "Barnbibliotekarie",
        "läsfrämjande",
        "Nätverket planerar gemensamma läsfrämjande insatser för barn och unga, bland annat "
        "sommarlovsläsning och bokstarter.",
        "nocontrib",
    ),
    DemoNetwork(
        "Nätverket för översiktsplanerare",
        "Samhällsplanering",
        "Översiktsplanerare",
        "den fysiska planeringen",
        "Nätverket samordnar den fysiska planeringen över kommungränserna, med en gemensam "
        "strukturbild för Familjen Helsingborg.",
        "next",
    ),
    DemoNetwork(
        "GIS-nätverket",
        "Samhällsplanering",
        "GIS-samordnare",
        "geodata och kartor",
        "Nätverket samordnar geodata, kartunderlag och mätningsfrågor och delar verktyg mellan "
        "kommunerna.",
    ),
    DemoNetwork(
        "Bostadsförsörjningsnätverket",
        "Samhällsplanering",
        "Bostadsstrateg",
        "bostadsförsörjningen",
        "Nätverket tar fram gemensamma underlag om bostadsbehov och delar erfarenheter av "
        "bostadsförsörjningsprogram.",
        "noplan",
    ),
    DemoNetwork(
        "Trafikplanerarnätverket",
        "Samhällsplanering",
        "Trafikplanerare",
        "trafik och kollektivtrafik",
        "Nätverket arbetar för sammanhängande cykelstråk och en kollektivtrafik som passar "
        "invånarnas och arbetsgivarnas behov.",
        "noemail",
    ),
    DemoNetwork(
        "Nätverket för hållbart resande",
        "Samhällsplanering",
        "Mobilitetssamordnare",
        "hållbart resande",
        "Nätverket ska göra det enklare att resa hållbart till arbete och skola i hela Familjen "
        "Helsingborg.",
        "starting",
    ),
    DemoNetwork(
        "Skolchefsnätverket",
        "Utbildning",
        "Skolchef",
        "grund- och gymnasieskolan",
        "Skolcheferna samordnar frågor om skolval, gymnasieantagning och gemensam skolutveckling.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för vuxenutbildning",
        "Utbildning",
        "Rektor, vuxenutbildningen",
        "vuxenutbildningen",
        "Nätverket samordnar utbudet av yrkesutbildningar för vuxna så att invånarna kan välja "
        "utbildning i hela regionen.",
    ),
    DemoNetwork(
        "Nätverket för studie- och yrkesvägledare",
        "Utbildning",
        "Studie- och yrkesvägledare",
        "studie- och yrkesvägledningen",
        "Nätverket utvecklar vägledningen och ordnar gemensamma yrkesmässor med det lokala "
        "näringslivet.",
        "draft",
    ),
    DemoNetwork(
        "Förskolenätverket",
        "Utbildning",
        "Förskolechef",
        "förskolan",
        "Nätverket delar erfarenheter om förskolans kvalitet, språkutveckling och "
        "kompetensförsörjning.",
        "nocoord stale",
    ),
    DemoNetwork(
        "Kulturchefsnätverket",
        "Kultur",
        "Kulturchef",
        "kulturlivet",
        "Kulturcheferna samordnar regionala kulturfrågor och gemensamma evenemang.",
    ),
    DemoNetwork(
        "Kulturskolenätverket",
        "Kultur",
        "Kulturskolechef",
        "kulturskolorna",
        "Nätverket gör det möjligt för barn att gå kurser i grannkommunens kulturskola och "
        "ordnar gemensamma konserter.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för kulturarv och museer",
        "Kultur",
        "Museichef",
        "kulturarvet",
        "Nätverket samordnar kulturmiljöarbete och museernas samlingar och utställningar.",
        "noareas",
    ),
    DemoNetwork(
        "Nätverket för fritidsgårdar",
        "Kultur",
        "Enhetschef, fritid",
        "fritidsgårdarna",
        "Nätverket ska utveckla den öppna fritidsverksamheten för unga och ordna gemensamma "
        "aktiviteter över kommungränserna.",
        "starting",
    ),
    DemoNetwork(
        "Miljöchefsnätverket",
        "Miljö",
        "Miljöchef",
        "miljötillsynen",
        "Miljöcheferna samordnar tillsyn, taxor och kompetensutveckling för miljö- och "
        "hälsoskyddsinspektörer.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för klimatanpassning",
        "Miljö",
        "Klimatstrateg",
        "klimatanpassning",
        "Nätverket tar fram gemensamma underlag om skyfall, havsnivåhöjning och värmeböljor.",
    ),
    DemoNetwork(
        "Energi- och klimatrådgivarnätverket",
        "Miljö",
        "Energi- och klimatrådgivare",
        "energi- och klimatrådgivningen",
        "Nätverket ger invånare och företag samma oberoende energi- och klimatrådgivning i alla "
        "kommuner.",
        "stale",
    ),
    DemoNetwork(
        "Avfallsnätverket",
        "Miljö",
        "Avfallsstrateg",
        "avfall och återvinning",
        "Nätverket samordnar avfallsplanering och kampanjer för minskat avfall.",
        "draft",
    ),
    DemoNetwork(
        "Näringslivschefsnätverket",
        "Näringsliv",
        "Näringslivschef",
        "näringslivsklimatet",
        "Näringslivscheferna samordnar service till företag och gemensamma insatser för ett bättre "
        "företagsklimat.",
        "next",
    ),
    DemoNetwork(
        "Etableringsnätverket",
        "Näringsliv",
        "Etableringsansvarig",
        "etableringar",
        "Nätverket tar emot förfrågningar om etableringar gemensamt och slussar dem till rätt "
        "kommun.",
        "noareas",
    ),
    DemoNetwork(
        "Turismnätverket",
        "Näringsliv",
        "Turismutvecklare",
        "besöksnäringen",
        "Nätverket marknadsför Skåne Nordväst som ett resmål och utvecklar besöksnäringen "
        "tillsammans.",
    ),
    DemoNetwork(
        "Nätverket för arbetsmarknadsfrågor",
        "Näringsliv",
        "Arbetsmarknadschef",
        "arbetsmarknadsinsatser",
        "Nätverket samordnar arbetsmarknadsinsatser och samarbetet med Arbetsförmedlingen.",
        "nocoord",
    ),
    DemoNetwork(
        "Kommunikatörsnätverket",
        "Kommunikation",
        "Kommunikationschef",
        "kommunikationen",
        "Kommunikationscheferna samordnar gemensam kommunikation om Familjen Helsingborg och "
        "följer den grafiska manualen.",
        "next",
    ),
    DemoNetwork(
        "Webbnätverket",
        "Kommunikation",
        "Webbredaktör",
        "webb och digitala kanaler",
        "Nätverket delar erfarenheter om webbplatser, tillgänglighet och sociala medier.",
        "stale",
    ),
    DemoNetwork(
        "Nätverket för kriskommunikation",
        "Kommunikation",
        "Kommunikatör",
        "kriskommunikation",
        "Nätverket förbereder samordnad kommunikation vid kriser och övar den tillsammans.",
        "noplan",
    ),
    DemoNetwork(
        "HR-chefsnätverket",
        "HR",
        "HR-chef",
        "personalfrågor",
        "HR-cheferna samordnar arbetsgivarfrågor, lönebildning och kompetensförsörjning.",
        "next",
    ),
    DemoNetwork(
        "Nätverket för kompetensförsörjning",
        "HR",
        "HR-strateg",
        "kompetensförsörjningen",
        "Nätverket tar fram gemensamma insatser för att rekrytera och behålla medarbetare i "
        "bristyrken.",
        "draft",
    ),
    DemoNetwork(
        "Arbetsmiljönätverket",
        "HR",
        "Arbetsmiljöstrateg",
        "arbetsmiljön",
        "Nätverket delar arbetsmiljörutiner, statistik och goda exempel på systematiskt "
        "arbetsmiljöarbete.",
        "stale",
    ),
    DemoNetwork(
        "Ekonomichefsnätverket",
        "Ekonomi",
        "Ekonomichef",
        "ekonomistyrningen",
        "Ekonomicheferna jämför nyckeltal, samordnar budgetprocesser och delar prognosverktyg.",
        "next",
    ),
    DemoNetwork(
        "Upphandlingsnätverket",
        "Ekonomi",
        "Upphandlingschef",
        "upphandling",
        "Nätverket planerar samordnade upphandlingar och delar avtal och mallar.",
    ),
    DemoNetwork(
        "Nätverket för intern kontroll",
        "Ekonomi",
        "Controller",
        "intern kontroll",
        "Nätverket delar riskanalyser och granskningsplaner för den interna kontrollen.",
        "nocontrib",
    ),
    DemoNetwork(
        "Nätverket för säkerhetssamordnare",
        "Räddningstjänst",
        "Säkerhetssamordnare",
        "säkerhetsskyddet",
        "Nätverket samordnar säkerhetsskydd, civilt försvar och skydd mot våldsbejakande "
        "extremism.",
    ),
    DemoNetwork(
        "Krisberedskapsnätverket",
        "Räddningstjänst",
        "Beredskapssamordnare",
        "krisberedskapen",
        "Nätverket samordnar kommunernas krisberedskap och övningar tillsammans med Region Skåne.",
        "next region",
    ),
]

# The one closed network (E-arkivnätverket) and the one proposed (AI i offentlig verksamhet).
CLOSE_REASON = (
    "Den gemensamma e-arkivlösningen är införd och förvaltas nu i ordinarie linje; intresset "
    "för fortsatta träffar har upphört. Förvaltningsledningen i kommunerna och sekretariatet "
    "har informerats."
)
PROPOSAL_REASON = (
    "Flera kommuner prövar AI-verktyg var för sig. Ett gemensamt nätverk kan dela "
    "riskbedömningar, upphandlingskrav och erfarenheter och undvika dubbelarbete."
)

FIRST_NAMES = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kristina",
    "Emma",
    "Elin",
    "Johanna",
    "Linnea",
    "Malin",
    "Sofia",
    "Hanna",
    "Ida",
    "Camilla",
    "Helena",
    "Ulrika",
    "Therese",
    "Jenny",
    "Åsa",
    "Cecilia",
    "Annika",
    "Frida",
    "Louise",
    "Petra",
    "Amina",
    "Leila",
    "Yasmin",
    "Dragana",
    "Mikael",
    "Johan",
    "Anders",
    "Lars",
    "Peter",
    "Magnus",
    "Fredrik",
    "Daniel",
    "Erik",
    "Jonas",
    "Henrik",
    "Mattias",
    "Niklas",
    "Andreas",
    "Per",
    "Stefan",
    "Martin",
    "Oskar",
    "Viktor",
    "Jesper",
    "Patrik",
    "Tobias",
    "Emil",
    "Gustav",
    "Ahmed",
    "Omar",
    "Nikola",
    "Mohammed",
]

LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jönsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Bergström",
    "Holm",
    "Sandberg",
    "Nyström",
    "Ek",
    "Håkansson",
    "Mårtensson",
    "Ohlsson",
    "Nordin",
    "Sjöberg",
    "Lundgren",
    "Lundin",
    "Mattsson",
    "Åberg",
    "Wallin",
    "Björk",
    "Hassan",
    "Ali",
    "Kovačević",
    "Petrović",
    "Nowak",
    "Yilmaz",
    "Malmqvist",
    "Svärd",
    "Thulin",
    "Rosén",
]

# Area codes of the eleven (invented numbers in them).
PHONE_PREFIX = {
    "Helsingborg": "042",
    "Höganäs": "042",
    "Åstorp": "042",
    "Bjuv": "042",
    "Landskrona": "0418",
    "Svalöv": "0418",
    "Ängelholm": "0431",
    "Båstad": "0431",
    "Klippan": "0435",
    "Perstorp": "0435",
    "Örkelljunga": "0435",
}

# Förvaltningsledning to consult per area (S2, C1): (areas, title, unit), one person per
# municipality for the areas named. A proposal invites a municipality through its management for
# the network's area (S1), so every area with a proposal or a network starting up has one.
MANAGEMENT = [
    (("Socialtjänst",), "Förvaltningschef", "Socialförvaltningen"),
    (("IT",), "Digitaliseringschef", "Kommunledningsförvaltningen"),
    (("Bibliotek", "Kultur"), "Kultur- och fritidschef", "Kultur- och fritidsförvaltningen"),
    (("Samhällsplanering",), "Samhällsbyggnadschef", "Samhällsbyggnadsförvaltningen"),
]

GOAL_TEMPLATES = [
    "Ta fram en gemensam lägesbild för {topic} i de deltagande kommunerna.",
    "Genomföra minst två gemensamma kompetensinsatser inom {topic}.",
    "Dela erfarenheter och goda exempel inom {topic} vid varje möte.",
    "Samordna remissvar och omvärldsbevakning om {topic}.",
    "Pröva en gemensam lösning inom {topic} i minst tre kommuner.",
    "Besvara Familjen Helsingborgs nätverksenkät och följa upp resultatet.",
]

MEETING_TEMPLATES = [
    "Nätverket träffas {n} gånger per år, växelvis hos de deltagande kommunerna. Samordnaren "
    "kallar och håller i dagordningen; minnesanteckningar delas med alla medlemmar.",
    "{n} fysiska möten per år och korta digitala avstämningar däremellan. Värdskapet roterar "
    "mellan kommunerna.",
    "Möten {n} gånger per år, digitalt och fysiskt varvat. En kommun är värd per termin och "
    "ansvarar för dagordning och anteckningar.",
]

CONTRIBUTION_TEMPLATES = [
    "Nätverket bidrar till Familjen Helsingborgs verksamhetsidé genom att kommunerna utvecklar "
    "{topic} tillsammans i stället för var för sig, vilket ger effektivitet och bättre service.",
    "Genom samarbetet om {topic} tar kommunerna tillvara utvecklingsmöjligheterna i regionen och "
    "bidrar till visionen om en sammanhängande stadsbygd.",
    "Nätverket bidrar till tillväxt, effektivitet och utveckling genom att dela kunskap om "
    "{topic} och pröva nya lösningar och arbetssätt tillsammans.",
]

# ---- the demo logins --------------------------------------------------------------------------

PASSWORD = "samverkan-demo"
# (e-mail, what the login shows). The first is the secretariat, who acts throughout the demo,
# and the marker that the demo data are loaded.
LOGINS = [
    ("sekretariatet@demo.se", "sekretariatet: alla nätverk, instrumentpanelen och admin"),
    ("samordnare@demo.se", "samordnare i Socialchefsnätverket"),
    ("medlem@demo.se", "medlem i Socialchefsnätverket"),
    ("lasare@demo.se", "läsare, inte med i något nätverk"),
    ("socialchef.helsingborg@demo.se", "förvaltningsledning socialtjänst, Helsingborg"),
    ("socialchef.landskrona@demo.se", "förvaltningsledning socialtjänst, Landskrona"),
]

# ---- Socialchefsnätverket's agreement (seed 003, SPEC §2) -------------------------------------

SOCIALCHEF_SLUG = "socialchefsnatverket"

SPEC_PARAMETERS = {
    "min_municipalities_per_matter": 2,
    "min_focus_areas": 3,
    "focus_area_min_share": 0.5,
    "cost_sharing": "population",
    "onboarding_representative": True,
    "meetings_per_year": 10,
    "chair_municipalities": 2,
    "chair_term_years": 1,
    "secretary_title": "planeringsledare",
    "substitutes_allowed": False,
    "review_at_last_meeting": True,
    "business_plan_required": True,
}

INTRO = "\n".join(
    [
        "Inledning",
        (
            "I den årliga verksamhetsplanen för Familjen Helsingborg beskrivs samarbetet inom "
            "regionen Skåne Nordväst. Samarbete mellan medlemskommunerna, även på områden som inte"
            " tas upp i verksamhetsplanen, uppmuntras."
        ),
        (
            "I Familjen Helsingborg har behovet av samverkan mellan de deltagande kommunernas "
            "socialchefer/förvaltningschefer uppmärksammats. Cheferna har därför bildat ett "
            "kollegialt nätverk för att samverka kring frågor om socialtjänst."
        ),
        "",
        "Syftet med samverkan",
        "– Bidra till framgång i arbetet inom Familjen Helsingborg.",
        (
            "– Genom ett framgångsrikt arbete bli en god förebild för andra samarbeten mellan "
            "kommunerna."
        ),
        "– Överföring och utveckling av kunskap mellan deltagarna i samverkan.",
        "– Bidra till en hållbar ekonomi och verksamhet inom området.",
        (
            "– Bli en drivande kraft i socialtjänstfrågor och stärka socialtjänsten i alla "
            "deltagande kommuner."
        ),
        "",
        "Parter",
        (
            "Bjuv, Båstad, Helsingborg, Höganäs, Klippan, Landskrona, Perstorp, Svalöv, Åstorp, "
            "Ängelholm och Örkelljunga."
        ),
        "",
        "Former för samverkan",
        (
            "Socialchefsnätverket är en resurs och en arena för att skapa en bredare belysning av "
            "frågor inom området. Frågor initieras av någon av kommunerna, eller av nätverket för "
            "fortsatt process i kommunerna. Så även i samverkansfrågor mellan kommunerna och "
            "Region Skåne."
        ),
        "Nätverket kan endast arbeta med frågor som berör minst två av kommunerna.",
        (
            "I frågor där nätverkets medlemmar ska delta i övergripande samarbeten eller arenor, "
            "kan nätverket uppdra åt någon eller några att företräda samtliga de som har intressen"
            " i frågan."
        ),
        (
            "Nätverket kan initiera arbetsgrupper inom olika frågeområden. Varje arbetsgrupp stöds"
            " av en utsedd kontaktperson inom nätverket."
        ),
        "",
        "Principer för samverkan",
        (
            "Socialchefsnätverkets ambition är att ständigt arbeta med och belysa minst tre "
            "frågeområden i verksamhetsplanen, som kan möjliggöra samverkan för minst hälften av "
            "kommunerna."
        ),
        "Kostnader som uppstår i utvecklingsfas delas efter kommunernas invånarantal.",
        (
            "Nätverket säkerställer att nya socialchefs-/förvaltningschefskolleger i de deltagande"
            " kommunerna introduceras och bjuds in till nätverket av en särskilt utsedd "
            "representant."
        ),
        "",
        "Ordförandeskap",
        "Nätverket sammanträder vid ca tio tillfällen per år.",
        (
            "Ordförandeskapet delas av två kommuner och innehas under ett år. Värdskapet är en del"
            " av ordförandeskapet. Nya ordförande utses inför varje år. Sekreterarskapet innehas "
            "av planeringsledaren."
        ),
        "",
    ]
)

COMMITMENT_OLD = "\n".join(
    [
        "Åtagande",
        "Att delta i Socialchefsnätverket är ett personligt åtagande.",
        (
            "Inför varje nytt år görs en verksamhetsplan för vilka områden som nätverket ska "
            "arbeta med under kommande år."
        ),
        "",
    ]
)

COMMITMENT = "\n".join(
    [
        "Åtagande",
        (
            "Att delta i Socialchefsnätverket är ett personligt åtagande, vilket innebär att inga "
            "ersättare deltar i nätverket vid tillfällen då en eller flera deltagare inte kan "
            "närvara."
        ),
        "Nätverket utvärderar och reviderar denna överenskommelse vid sista mötet för året.",
        (
            "Inför varje nytt år görs en verksamhetsplan för vilka områden som nätverket ska "
            "arbeta med under kommande år."
        ),
        "",
    ]
)

FOCUS_AREAS = {
    -1: [
        ("Kompetensförsörjning av socialsekreterare", 8),
        ("Digitalt ekonomiskt bistånd", 7),
        ("Våld i nära relationer", 11),
    ],
    0: [
        ("Placeringsplanering för barn och unga", 9),
        ("Barns och ungas psykiska hälsa", 11),
        ("Kompetensförsörjning och gemensam rekrytering", 6),
    ],
    1: [
        ("Ny socialtjänstlag: förebyggande arbete", 11),
        ("Placeringsplanering, uppföljning", 9),
        ("Hemlöshet och bostad först", 4),
    ],
}
CHAIRS = {-2: ("Bjuv", "Höganäs"), -1: ("Landskrona", "Perstorp"), 0: ("Helsingborg", "Klippan")}

# Socialchefsnätverket's work this year (F1-F4): (title, raised by, concerned, status, with the
# region, focus area of this year's business plan or None, in the working group).
MATTERS = [
    (
        "Gemensam upphandling av HVB-platser",
        "Helsingborg",
        ["Helsingborg", "Landskrona", "Ängelholm", "Bjuv"],
        "in_preparation",
        False,
        "Placeringsplanering för barn och unga",
        True,
    ),
    (
        "En väg in för barns psykiska hälsa",
        None,
        None,  # every municipality
        "referred_to_municipalities",
        True,
        "Barns och ungas psykiska hälsa",
        False,
    ),
    (
        "Rekryteringsmässa för socionomer",
        "Klippan",
        ["Klippan", "Perstorp", "Åstorp"],
        "raised",
        False,
        "Kompetensförsörjning och gemensam rekrytering",
        False,
    ),
    (
        "Samordnad jour för ekonomiskt bistånd",
        "Höganäs",
        ["Höganäs", "Båstad"],
        "closed",
        False,
        None,
        False,
    ),
]
WORKING_GROUP = "Arbetsgrupp placeringar"
MANDATE_ARENA = "Delregionalt samverkansforum barn och unga"
REVIEW_NOTE = "Reviderad vid årets sista möte."
BUSINESS_PLAN_SUMMARY = "Frågeområden för året enligt överenskommelsens princip om minst tre."

# ---- meetings (issue 5) -----------------------------------------------------------------------

AGENDA = [
    "Föregående protokoll",
    "Läget i kommunerna",
    "Aktuella frågor från Region Skåne",
    "Frågeområden i verksamhetsplanen",
    "Övriga frågor",
]
# The demo's "mostly absent" municipality for P3.
ABSENT = "Perstorp"
MINUTES = "Mötet öppnades av ordföranden. Kommunerna berättade om läget."
# Only when the year's last meeting is already held (late December): its review item (CO2).
YEAR_END_REVIEW = "Överenskommelsen utvärderades och gäller oförändrad nästa år."

# ---- costs (PR2) ------------------------------------------------------------------------------

COST_INVOICED = ("Utvecklingsdag om samsjuklighet", 100_000_00)
COST_CORRECTED = ("Utvecklingsdag om samsjuklighet (rättad: lokalhyran ingick inte)", 87_500_00)
COST_THIS_YEAR = ("Föreläsare: trygg och effektiv utskrivning", 24_500_50)
COST_TODAY = ("Gemensam utbildning i BBIC", 153_000_00)

# ---- the survey round (P4, ST2) ---------------------------------------------------------------

IMPROVE = [
    "Fler studiebesök i varandras verksamheter.",
    "Tydligare koppling mellan mötena och verksamhetsplanen.",
    "Dela underlag innan mötet.",
    "Bjud in Region Skåne oftare.",
    "Mer tid för erfarenhetsutbyte.",
]
DIRECTORS = [
    ("Kommundirektör Helsingborg", "kd.helsingborg@demo.se"),
    ("Kommundirektör Landskrona", "kd.landskrona@demo.se"),
    ("Kommundirektör Ängelholm", "kd.angelholm@demo.se"),
]
