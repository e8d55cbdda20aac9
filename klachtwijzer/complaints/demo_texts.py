"""The words of the demo data: a fictional municipality's organisation and its residents' complaints.

These are data, written as residents and staff would type them (in Dutch), not texts of the user
interface, so they are not translated. Every person and address is invented.
"""

MUNICIPALITY = {
    "name": "Gemeente Voorbeeld",
    "reference_prefix": "VBD",
    "address": "Postbus 100\n1234 AB Voorbeeld",
    "website": "https://www.voorbeeld.example",
    "email": "klachten@voorbeeld.example",
    "phone": "14 0123",
}

DEPARTMENTS = [
    "Burgerzaken",
    "Sociaal Domein",
    "Werk en Inkomen",
    "Openbare Ruimte",
    "Belastingen",
    "Vergunningen en Handhaving",
]

# name, service, how it reports (accounts.models.ReportingWay), department
PARTNERS = [
    ("Afvalbedrijf Regio Voorbeeld", "inzameling van huishoudelijk afval", "klachtwijzer", "Openbare Ruimte"),
    ("Sociaal Wijkteam Voorbeeld", "toegang tot Wmo-voorzieningen en jeugdhulp", "both", "Sociaal Domein"),
    ("Belastingsamenwerking West", "WOZ-waardering en gemeentelijke belastingen", "figures", "Belastingen"),
]

# username, first name, last name, role, department, partner
USERS = [
    ("coordinator", "Fatima", "El Amrani", "coordinator", None, None),
    ("behandelaar", "Jeroen", "Bakker", "handler", "Burgerzaken", None),
    ("behandelaar2", "Sanne", "Visser", "handler", "Sociaal Domein", None),
    ("manager", "Peter", "de Groot", "manager", "Openbare Ruimte", None),
    ("partner", "Ahmed", "Yilmaz", "partner", None, "Afvalbedrijf Regio Voorbeeld"),
    ("beheerder", "Linda", "Jansen", "administrator", None, None),
    ("bestuurder", "Marieke", "van Dijk", "board", None, None),
    ("archief", "Kees", "de Vries", "records_manager", None, None),
    ("privacy", "Nadia", "Haddou", "privacy_officer", None, None),
]

# department, partner (or ""), what happened, what the complainant wants, who, natures, complaint elements
CASES = [
    (
        "Burgerzaken",
        "",
        "Bij de balie werd ik afgesnauwd toen ik vroeg waarom mijn paspoort nog niet klaar was.",
        "Excuses van de medewerker.",
        "baliemedewerker Burgerzaken",
        ["Fatsoenlijke bejegening"],
        ["Toon van de baliemedewerker"],
    ),
    (
        "Burgerzaken",
        "",
        "Mijn afspraak voor een rijbewijs werd twee keer zonder bericht verzet.",
        "Een vaste afspraak en uitleg.",
        "afsprakenbureau",
        ["Goede organisatie", "Goede informatieverstrekking"],
        ["Afspraak zonder bericht verzet", "Geen uitleg over de reden"],
    ),
    (
        "Burgerzaken",
        "",
        "Mijn verhuizing is verkeerd ingeschreven, waardoor post naar mijn oude adres ging.",
        "Herstel van de inschrijving en een reactie.",
        "team Basisregistratie",
        ["Professionaliteit"],
        ["Fout bij de inschrijving"],
    ),
    (
        "Sociaal Domein",
        "",
        "Het keukentafelgesprek voor mijn moeder is drie keer afgezegd.",
        "Dat het gesprek deze maand plaatsvindt.",
        "Wmo-consulent",
        ["Voortvarendheid", "Bijzondere zorg"],
        ["Gesprek herhaaldelijk afgezegd", "Geen rekening gehouden met haar gezondheid"],
    ),
    (
        "Sociaal Domein",
        "Sociaal Wijkteam Voorbeeld",
        "De medewerker van het wijkteam luisterde niet naar wat ons gezin echt nodig heeft.",
        "Een andere medewerker en een nieuw gesprek.",
        "medewerker wijkteam",
        ["Luisteren naar de burger", "Maatwerk"],
        ["Niet geluisterd naar de hulpvraag"],
    ),
    (
        "Sociaal Domein",
        "",
        "Op mijn aanvraag voor een scootmobiel is na acht weken nog steeds niet beslist.",
        "Snel een besluit.",
        "team Wmo",
        ["Voortvarendheid"],
        ["Lange behandelduur"],
    ),
    (
        "Werk en Inkomen",
        "",
        "Mijn uitkering is stopgezet zonder dat iemand mij vooraf heeft gebeld of geschreven.",
        "Uitleg en een betalingsregeling.",
        "klantmanager",
        ["Goede informatieverstrekking", "Evenredigheid"],
        ["Geen vooraankondiging", "Onevenredig harde maatregel"],
    ),
    (
        "Werk en Inkomen",
        "",
        "De klantmanager maakte in het gesprek denigrerende opmerkingen over mijn afkomst.",
        "Excuses en een andere klantmanager.",
        "klantmanager",
        ["Fatsoenlijke bejegening", "Respecteren van grondrechten"],
        ["Denigrerende opmerkingen"],
    ),
    (
        "Openbare Ruimte",
        "",
        "De losliggende stoeptegels voor mijn deur heb ik drie keer gemeld; er gebeurt niets.",
        "Dat de stoep wordt hersteld.",
        "team Beheer Openbare Ruimte",
        ["Voortvarendheid", "Betrouwbaarheid"],
        ["Meldingen niet opgevolgd"],
    ),
    (
        "Openbare Ruimte",
        "Afvalbedrijf Regio Voorbeeld",
        "De groene container is nu vier weken op rij niet geleegd, ondanks mijn meldingen.",
        "Dat de container wordt geleegd en de afvalstoffenheffing deels terug.",
        "inzameldienst",
        ["Betrouwbaarheid", "Coulante opstelling"],
        ["Container niet geleegd", "Meldingen niet beantwoord"],
    ),
    (
        "Openbare Ruimte",
        "Afvalbedrijf Regio Voorbeeld",
        "De chauffeur van de vuilniswagen reed mijn geparkeerde fiets omver en reed door.",
        "Vergoeding van de schade.",
        "chauffeur inzameldienst",
        ["Professionaliteit", "Coulante opstelling"],
        ["Schade aan de fiets"],
    ),
    (
        "Belastingen",
        "Belastingsamenwerking West",
        "De WOZ-waarde van mijn huis is fors verhoogd zonder dat de taxatie wordt uitgelegd.",
        "Een begrijpelijke uitleg van de taxatie.",
        "taxateur",
        ["Goede motivering", "Transparant"],
        ["Taxatie niet uitgelegd"],
    ),
    (
        "Belastingen",
        "",
        "Ik kreeg een aanmaning terwijl ik de aanslag op tijd heb betaald.",
        "Intrekking van de aanmaning en de kosten.",
        "team Invordering",
        ["Goede organisatie", "Professionaliteit"],
        ["Onterechte aanmaning"],
    ),
    (
        "Vergunningen en Handhaving",
        "",
        "De handhaver sprak mij op straat op een intimiderende manier aan over mijn aanhanger.",
        "Excuses.",
        "handhaver",
        ["Fatsoenlijke bejegening", "De-escalatie"],
        ["Intimiderend optreden"],
    ),
    (
        "Vergunningen en Handhaving",
        "",
        "Mijn vergunningaanvraag voor een dakkapel ligt al vier maanden stil; niemand belt terug.",
        "Een besluit en een vast aanspreekpunt.",
        "team Vergunningen",
        ["Voortvarendheid", "Goede informatieverstrekking"],
        ["Aanvraag ligt stil", "Niet teruggebeld"],
    ),
]

FIRST_NAMES = [
    "Anna", "Bram", "Chantal", "Daan", "Esra", "Femke", "Gerrit", "Hanna", "Ivo", "Jasmijn", "Kees",
    "Latifa", "Mohamed", "Noor", "Olga", "Pieter", "Rachida", "Sem", "Tineke", "Umut", "Vera", "Wim",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "El Idrissi", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "Kaya", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "Öztürk",
]  # fmt: skip
STREETS = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Stationsplein", "Lindelaan", "Havenkade", "Beukenhof"]

FINDINGS = {
    "gegrond": "Uit het gesprek met de medewerker en het dossier blijkt dat de klacht terecht is.",
    "deels gegrond": "Een deel van de klacht wordt door het dossier bevestigd, een ander deel niet.",
    "ongegrond": "Uit dossier en hoorgesprek is niet gebleken dat de gemeente onbehoorlijk handelde.",
    "geen oordeel": "Klager en medewerker lezen het anders; wat er gebeurde, is niet vast te stellen.",
}
MEASURES = [
    "Excuses aangeboden; de werkinstructie is aangepast.",
    "Het team bespreekt de casus in het werkoverleg.",
    "De klager krijgt een vast aanspreekpunt.",
    "",
]
HEARING_REPORTS = [
    "Klager lichtte de klacht toe; de medewerker gaf zijn kant van het verhaal. Beide partijen zijn gehoord.",
    "Hoorgesprek telefonisch gevoerd. Klager herkent zich in de samenvatting van de klacht.",
]
INFORMAL_HOW = [
    "Telefonisch gesproken; excuses aangeboden en het probleem is opgelost. Klager is tevreden.",
    "Na een gesprek aan de keukentafel is een nieuwe afspraak gemaakt; klager is tevreden.",
    "De melding is alsnog opgepakt en klager is teruggebeld; klager ziet af van verdere behandeling.",
]
EXTENSION_REASONS = [
    "Het hoorgesprek kan door vakantie van de betrokken medewerker pas later plaatsvinden.",
    "Voor de beoordeling is informatie nodig van de samenwerkingspartner.",
]
FORWARDED_TO = ["Waterschap Voorbeeldland", "Omgevingsdienst Regio Voorbeeld", "Veiligheidsregio"]


def one_page_pdf(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` in Helvetica: the demo's stand-in for a scanned document."""

    def escaped(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = " ".join(f"({escaped(line)}) Tj T*" for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 72 770 Td {text} ET".encode("cp1252", "replace")
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 4 0 R>>>> "
        b"/Contents 5 0 R>>",
        b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>",
        b"<</Length %d>>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_letter_pdf(kind_label: str, reference: str, recipient: str, day: str) -> bytes:
    """The demo's stand-in for a letter sent outside Klachtwijzer (``letters/demo_letters.py``)."""
    return one_page_pdf(
        kind_label,
        f"Kenmerk: {reference}",
        f"Aan: {recipient}",
        f"Datum: {day}",
        "",
        "Demogegevens: dit bestand staat voor de brief die de gemeente verstuurde.",
    )


# The complainant's written consent to a further delay (Awb 9:11 lid 2), as the demo stores it: a file.
CONSENT_PDF = one_page_pdf("Ik ga akkoord met een langere behandeltermijn van mijn klacht.", "Demogegevens.")
