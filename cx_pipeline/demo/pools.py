"""Hard-coded value pools: Finnish names, places, products, subjects and feedback comments.

Everything is invented; e-mail domains are reserved example domains. Comments never contain
names or e-mail addresses, so the report can quote them.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    "Aino", "Anna", "Helmi", "Sofia", "Emilia", "Aada", "Venla", "Eveliina", "Maria", "Johanna",
    "Laura", "Sanna", "Tiina", "Kaisa", "Riikka", "Päivi", "Pirjo", "Marja", "Liisa", "Elina",
    "Hanna", "Katja", "Minna", "Satu", "Heidi", "Noora", "Iida", "Ella", "Lotta", "Siiri",
    "Juhani", "Mikko", "Jukka", "Timo", "Matti", "Antti", "Janne", "Ville", "Teemu", "Jari",
    "Pekka", "Markku", "Kari", "Heikki", "Mika", "Juha", "Sami", "Tuomas", "Lauri", "Eero",
    "Onni", "Leo", "Eino", "Väinö", "Elias", "Oliver", "Aleksi", "Joonas", "Niko", "Petri",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
    "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen",
    "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen", "Hirvonen",
    "Leinonen", "Hiltunen", "Kettunen", "Miettinen", "Aaltonen", "Pesonen", "Lindholm",
    "Manninen", "Koivisto", "Väisänen", "Räsänen", "Ojala", "Kallio", "Peltonen", "Lindroos",
    "Toivonen", "Laaksonen", "Leppänen", "Nurmi",
)  # fmt: skip

# City, population weight, index of the nearest own store (STORES).
CITIES: tuple[tuple[str, float, int], ...] = (
    ("Helsinki", 0.20, 0), ("Espoo", 0.09, 1), ("Tampere", 0.08, 2), ("Vantaa", 0.07, 0),
    ("Oulu", 0.06, 4), ("Turku", 0.06, 3), ("Jyväskylä", 0.045, 2), ("Kuopio", 0.04, 4),
    ("Lahti", 0.04, 0), ("Pori", 0.03, 3), ("Kouvola", 0.025, 0), ("Joensuu", 0.025, 4),
    ("Lappeenranta", 0.025, 0), ("Hämeenlinna", 0.023, 2), ("Vaasa", 0.022, 2),
    ("Seinäjoki", 0.02, 2), ("Rovaniemi", 0.02, 4), ("Mikkeli", 0.017, 0), ("Kotka", 0.017, 0),
    ("Salo", 0.017, 3), ("Porvoo", 0.016, 0), ("Kokkola", 0.015, 4), ("Lohja", 0.015, 1),
    ("Hyvinkää", 0.015, 0), ("Järvenpää", 0.014, 0), ("Rauma", 0.013, 3), ("Kajaani", 0.012, 4),
    ("Kerava", 0.012, 0),
)  # fmt: skip

# Own stores: (Shopify location id, name, city index in CITIES).
STORES: tuple[tuple[int, str, int], ...] = (
    (71_001, "Helsinki Kamppi", 0),
    (71_002, "Espoo Iso Omena", 1),
    (71_003, "Tampere Ratina", 2),
    (71_004, "Turku Skanssi", 5),
    (71_005, "Oulu Valkea", 4),
)

COMPANY_DOMAIN = "demokauppa.example"  # the demo retailer's own staff addresses

COMPANY_WORDS: tuple[str, ...] = (
    "Pohjolan", "Saimaan", "Lapin", "Hämeen", "Savon", "Karjalan", "Rannikon", "Kaakon",
    "Länsi", "Itä", "Keski", "Vaara", "Kivi", "Koivu", "Honka", "Kuusi", "Aalto", "Revontuli",
    "Tunturi", "Järvi", "Virta", "Kallio", "Niitty", "Metsä", "Selkä", "Harju",
)  # fmt: skip

COMPANY_KINDS: tuple[tuple[str, str], ...] = (
    ("Rakennus", "Rakentaminen"), ("Kone", "Teollisuus"), ("Logistiikka", "Kuljetus"),
    ("Kiinteistöpalvelut", "Palvelut"), ("IT-palvelut", "IT"), ("Hammaslääkärit", "Terveys"),
    ("Koulutus", "Koulutus"), ("Tilitoimisto", "Palvelut"), ("Kahvila", "Ravintolat"),
    ("Sähkö", "Rakentaminen"), ("Puutarha", "Palvelut"), ("Urheiluseura", "Järjestöt"),
    ("Päiväkoti", "Koulutus"), ("Konsultointi", "Palvelut"), ("Hotelli", "Matkailu"),
)  # fmt: skip

COMPANY_FORMS: tuple[str, ...] = ("Oy", "Oy", "Oy", "Ab", "Ky", "ry", "Oyj")

# Product catalogue: category, price range (EUR), product nouns, vendors.
CATEGORIES: tuple[tuple[str, float, float, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Elektroniikka", 19.0, 899.0,
        ("Langattomat kuulokkeet", "Bluetooth-kaiutin", "Älykello", "Tabletti", "Kannettava",
         "Pelikonsoli", "Latauslaite", "Näppäimistö", "Hiiri", "Näyttö", "Verkkokamera",
         "Sähköhammasharja"),
        ("Nordtek", "Voltti", "Kaiku Audio", "Pikseli"),
    ),
    (
        "Koti", 7.9, 249.0,
        ("Kahvinkeitin", "Vedenkeitin", "Pussilakanasetti", "Pyyhe", "Paistinpannu", "Kattila",
         "Pöytävalaisin", "Tyyny", "Torkkupeitto", "Säilytyslaatikko", "Leikkuulauta",
         "Kynttilälyhty"),
        ("Kotiharmonia", "Pohjolan Puu", "Tuikku", "Lumo Design"),
    ),
    (
        "Urheilu", 12.9, 399.0,
        ("Juoksukengät", "Joogamatto", "Käsipainot", "Retkireppu", "Makuupussi", "Sauvat",
         "Pyöräilykypärä", "Urheilukello", "Uimalasit", "Salibandymaila", "Sukset",
         "Termospullo"),
        ("Polku Sport", "Latu", "Vauhti", "Tunturi Outdoor"),
    ),
    (
        "Vaatteet", 9.9, 199.0,
        ("Villapaita", "Kuoritakki", "Pipo", "Farkut", "T-paita", "Huppari", "Sadetakki",
         "Villasukat", "Lapaset", "Toppahousut", "Kauluspaita", "Mekko"),
        ("Pohjoisen Villa", "Utu", "Kaamos Wear", "Routa"),
    ),
    (
        "Lelut", 6.9, 129.0,
        ("Palikkasarja", "Pehmolelu", "Lautapeli", "Palapeli", "Leikkiauto", "Nukke",
         "Rakennussarja", "Puuleikkikeittiö", "Kaukoohjattava auto", "Askartelusetti",
         "Vesipyssy", "Junarata"),
        ("Leikki", "Nalle & Kumppanit", "Palikka", "Touhu"),
    ),
)  # fmt: skip

PRODUCT_MODELS: tuple[str, ...] = (
    "Classic", "Pro", "Mini", "Max", "Nordic", "Eco", "Lite", "Plus", "Arctic", "Aurora",
    "Sisu", "Kide", "Huurre", "Usva", "Helle", "Tuisku",
)  # fmt: skip

# Contact reasons, with the journey stage they belong to.
REASONS: tuple[tuple[str, str], ...] = (
    ("product_question", "pre_purchase"),
    ("stock_availability", "pre_purchase"),
    ("pricing", "pre_purchase"),
    ("where_is_my_order", "post_purchase"),
    ("delivery_problem", "post_purchase"),
    ("return_refund", "post_purchase"),
    ("invoice_payment", "post_purchase"),
    ("product_defect", "post_purchase"),
    ("b2b_contract", "b2b"),
)

SUBJECTS: dict[str, tuple[str, ...]] = {
    "product_question": (
        "Kysymys tuotteesta",
        "Sopiiko tämä malli minulle?",
        "Tuotteen mitat",
        "Tekniset tiedot",
        "Question about a product",
    ),
    "stock_availability": (
        "Milloin tuote tulee varastoon?",
        "Onko tuotetta myymälässä?",
        "Saatavuus",
        "Tuote loppu verkkokaupasta",
    ),
    "pricing": ("Hintakysymys", "Hintatakuu", "Alennuskoodi ei toimi", "Price match request"),
    "where_is_my_order": (
        "Missä tilaukseni on?",
        "Tilaus ei ole saapunut",
        "Toimituksen seuranta ei päivity",
        "Toimitusaika",
        "Where is my order?",
    ),
    "delivery_problem": (
        "Paketti vaurioitunut kuljetuksessa",
        "Toimitus väärään noutopisteeseen",
        "Paketista puuttuu tuote",
        "Kuljettaja ei löytänyt osoitetta",
    ),
    "return_refund": (
        "Palautus ja hyvitys",
        "Milloin saan rahat takaisin?",
        "Palautuslomake",
        "Tuotteen vaihto",
        "Refund status",
    ),
    "invoice_payment": (
        "Laskun eräpäivä",
        "Maksu ei mennyt läpi",
        "Lasku puuttuu",
        "Kysymys laskusta",
    ),
    "product_defect": (
        "Tuote rikki",
        "Takuukorjaus",
        "Viallinen tuote",
        "Tuote lakkasi toimimasta",
        "Product arrived broken",
    ),
    "b2b_contract": (
        "Yrityssopimus",
        "Sopimushinnasto",
        "Yritystilin avaus",
        "Toimitusehdot yritysasiakkaalle",
    ),
}

SEARCH_QUERIES: dict[str, tuple[str, ...]] = {
    "product_question": ("koko-opas", "takuu", "tekniset tiedot", "käyttöohje"),
    "stock_availability": ("saatavuus", "milloin varastoon", "myymälän saldo"),
    "pricing": ("alennuskoodi", "hintatakuu", "black friday"),
    "where_is_my_order": ("missä tilaukseni", "toimitusaika", "seuranta", "tracking"),
    "delivery_problem": ("rikkinäinen paketti", "noutopiste", "toimitus myöhässä"),
    "return_refund": ("palautus", "hyvitys", "vaihto", "return policy"),
    "invoice_payment": ("lasku", "maksutavat", "osamaksu"),
    "product_defect": ("takuu", "reklamaatio", "viallinen tuote"),
    "b2b_contract": ("yritysasiakas", "sopimushinnat", "laskutus yritykselle"),
}

# Help-centre article ids per reason (the article catalogue itself is not exported).
ARTICLES: dict[str, tuple[int, ...]] = {
    "product_question": (360_101, 360_102, 360_103),
    "stock_availability": (360_111, 360_112),
    "pricing": (360_121, 360_122),
    "where_is_my_order": (360_131, 360_132, 360_133),
    "delivery_problem": (360_141, 360_142),
    "return_refund": (360_151, 360_152, 360_153),
    "invoice_payment": (360_161, 360_162),
    "product_defect": (360_171, 360_172),
    "b2b_contract": (360_181,),
}

GROUPS: tuple[str, ...] = ("Verkkokauppa", "Myymälät", "B2B-tuki")

# Survey comments by tone; Finnish with some English. Themes: delivery, price, service,
# quality, website, store, staff, returns, waiting.
COMMENTS_NEGATIVE: tuple[str, ...] = (
    "Toimitus kesti aivan liian kauan.", "Paketti oli myöhässä eikä kukaan ilmoittanut.",
    "Asiakaspalveluun oli vaikea saada yhteyttä.", "Jouduin odottamaan vastausta monta päivää.",
    "Tuote hajosi viikossa, laatu ei vastannut hintaa.", "Hinnat ovat nousseet liikaa.",
    "Palautus oli hankala ja hyvitys viipyi.", "Verkkokauppa kaatui kassalla.",
    "Myymälässä ei ollut ketään auttamassa.", "Seurantakoodi ei toiminut.",
    "Kuljetusyhtiön kanssa oli pelkkää sotkua.", "Sain väärän tuotteen.",
    "Delivery was late and nobody answered my emails.", "Poor quality for the price.",
    "Asiaani ei ratkaistu, jouduin soittamaan uudestaan.",
)  # fmt: skip
COMMENTS_NEUTRAL: tuple[str, ...] = (
    "Ihan ok, toimitus olisi voinut olla nopeampi.", "Hinnat kohtuulliset.",
    "Tuote vastasi kuvausta.", "Verkkosivuilta oli vähän vaikea löytää tietoa.",
    "Myymälä siisti, jonot pitkät.", "Palvelu oli asiallista.", "Nothing special, it was fine.",
    "Valikoima voisi olla laajempi.", "Toimitus tuli luvatussa ajassa.",
    "Palautus onnistui, mutta lomake oli sekava.",
)  # fmt: skip
COMMENTS_POSITIVE: tuple[str, ...] = (
    "Nopea toimitus, kiitos!", "Erittäin ystävällinen asiakaspalvelu.",
    "Myymälän henkilökunta osasi neuvoa hyvin.", "Hyvä hinta-laatusuhde.",
    "Tilaaminen oli helppoa ja vaivatonta.", "Palautus sujui ongelmitta.",
    "Laadukas tuote, suosittelen.", "Paras verkkokauppa, aina toimii.",
    "Great service and fast delivery.", "Asiantunteva palvelu puhelimessa.",
    "Sain vastauksen heti chatissa.", "Tuotteet ovat kestäneet hyvin käytössä.",
    "Selkeät verkkosivut ja hyvä valikoima.", "Kiitos joustavasta palvelusta!",
)  # fmt: skip
COMMENTS_MEETING_NEGATIVE: tuple[str, ...] = (
    "Tapaamisesta ei jäänyt käteen mitään konkreettista.",
    "Myyjä ei tuntenut tarpeitamme.",
    "Tarjous tuli myöhässä.",
    "The meeting felt like a sales pitch.",
)
COMMENTS_MEETING_POSITIVE: tuple[str, ...] = (
    "Hyödyllinen tapaaminen, selkeät seuraavat askeleet.",
    "Myyjä oli hyvin valmistautunut.",
    "Saimme hyvän tarjouksen nopeasti.",
    "Useful meeting, clear proposal.",
    "Asiantunteva ja kuunteleva myyjä.",
)
SUPPORT_BAD_REASONS: tuple[str, ...] = (
    "Issue took too long to resolve", "Issue was not resolved",
    "Agent's knowledge is unsatisfactory", "Agent's attitude", "Some other reason",
)  # fmt: skip

MEETING_TITLES: tuple[str, ...] = (
    "Kvartaalipalaveri",
    "Tarjouksen läpikäynti",
    "Tuote-esittely",
    "Sopimusneuvottelu",
    "Aloituspalaveri",
    "Vuosisuunnittelu",
)
DEAL_NAMES: tuple[str, ...] = (
    "Vuosisopimus",
    "Toimitilojen kalustus",
    "Henkilöstölahjat",
    "Tietokonehankinta",
    "Työvaatteet",
    "Kevään tilaus",
    "Joulutilaus",
)
SALES_TASKS: tuple[str, ...] = ("Lähetä tarjous", "Soita tarjouksesta", "Päivitä hinnasto")


def ascii_fold(text: str) -> str:
    """Name to e-mail local part: Finnish letters folded, spaces and dashes dropped."""
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return "".join(ch for ch in text.translate(table).lower() if ch.isalnum())
