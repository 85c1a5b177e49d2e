"""Name, place and address pools for synthetic applicants, plus the person sampler.

The pools exist to exercise what real inboxes receive: DIN 91379 letters far beyond Latin-1
(Ł, ğ, İ, ı, ș, ř, Þ, ð, Vietnamese stacked diacritics), multi-part given names, gendered and
patronymic family names and partly known birth dates. Every origin carries its DESTATIS
nationality key (the Staatsangehörigkeit and Staat lists share the numbers) so that names,
birth places and nationality codes stay plausible together. All people are fictitious.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Origin:
    """A naming culture with the state a person of that origin most likely belongs to."""

    key: str
    nationality: str  # DESTATIS key, valid in the Staatsangehörigkeit and the Staat list
    iso3: str  # for machine-readable zones on passport scans
    state_name: str  # German short name of the state, for free-text fields
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]  # "Male|Female" where the family name is gendered
    places: tuple[str, ...]
    streets: tuple[str, ...]  # for addresses abroad
    postcode: str = "#####"  # '#' becomes a digit
    partial_birth_dates: float = 0.03  # share of birth dates known only partly


def _o(head, male, female, family, places, streets, postcode="#####", **kw):
    key, nationality, iso3, state_name = head.split(" ", 3)
    return Origin(
        key,
        nationality,
        iso3,
        state_name,
        tuple(male.split(", ")),
        tuple(female.split(", ")),
        tuple(family.split(", ")),
        tuple(places.split(", ")),
        tuple(streets.split(", ")),
        postcode,
        **kw,
    )


ORIGINS: dict[str, Origin] = {
    o.key: o
    for o in (
        _o(
            "DE 000 DEU Deutschland",
            "Jürgen, Jörg, Günther, Matthias, Lukas, Björn, Maximilian",
            "Käthe, Ursula, Bärbel, Sophie, Hannah, Jördis, Henriette",
            "Müller, Groß, Schröder, Weiß, Köhler, Meißner, Bäcker, Fuß, Schäfer, Böhm, "
            "Krüger, Strauß, Hoffmann",
            "München, Köln, Görlitz, Lübeck, Düsseldorf, Saarbrücken, Fürth",
            "Hauptstraße, Schloßallee",
        ),
        _o(
            "PL 152 POL Polen",
            "Łukasz, Grzegorz, Paweł, Michał, Wojciech, Jędrzej",
            "Małgorzata, Agnieszka, Katarzyna, Zofia, Józefa, Bożena",
            "Wróbel, Żak, Wiśniewski|Wiśniewska, Kowalczyk, Szczęsny|Szczęsna, "
            "Dąbrowski|Dąbrowska, Król, Łukaszewicz",
            "Kraków, Łódź, Gdańsk, Wrocław, Poznań, Białystok",
            "ul. Długa, ul. Świętojańska, ul. Piłsudskiego, al. Jerozolimskie",
            "##-###",
        ),
        _o(
            "ES 161 ESP Spanien",
            "Iñaki, José Luis, Álvaro, Sergio, Jesús",
            "Begoña, María José, Lucía, Nuria, Itziar",
            "Muñoz, Núñez, Ibáñez, Peña, García López, Fernández Castañeda",
            "Sevilla, A Coruña, Logroño, Bilbao, Zaragoza, Cáceres",
            "Calle Mayor, Avenida de la Constitución, Calle de Alcalá",
        ),
        _o(
            "TR 163 TUR Türkei",
            "Mehmet, İbrahim, Oğuz, Çağrı, Mustafa, Barış, Emre",
            "Yağmur, Ayşe, Gülşen, Şeyma, Büşra, Işıl, Elif",
            "Şahin, Doğan, Çelik, Öztürk, Yıldız, Kılıç, Aydın, Güneş, Koç",
            "İzmir, İstanbul, Ankara, Eskişehir, Şanlıurfa, Gaziantep",
            "Atatürk Caddesi, Cumhuriyet Mahallesi, İnönü Sokak",
        ),
        _o(
            "VN 432 VNM Vietnam",
            "Văn Đức, Minh Tuấn, Quốc Bảo, Hữu Nghĩa, Đình Khôi",
            "Thị Hương, Thị Lan, Ngọc Ánh, Thu Trang, Thị Mỹ Duyên",
            "Nguyễn, Trần, Phạm, Lê, Hoàng, Đặng, Vũ",
            "Hà Nội, Hải Phòng, Đà Nẵng, Huế, Thành phố Hồ Chí Minh",
            "Phố Hàng Bạc, Đường Lê Lợi, Đường Trần Phú",
            "######",
        ),
        _o(
            "SY 475 SYR Syrien",
            "Mohammad, Omar, Khaled, Yousef, Abdulrahman",
            "Rania, Yara, Layla, Nour, Fatima",
            "Al-Hassan, Haddad, Khalil, Al-Masri, Mahmoud, Aldarwish",
            "Aleppo, Damascus, Homs, Latakia, Idlib",
            "Baghdad Street, Al-Jalaa Street",
            partial_birth_dates=0.2,
        ),
        _o(
            "AF 423 AFG Afghanistan",
            "Ahmad Shah, Farid, Mohammad Nasir, Ali Reza, Sayed",
            "Zahra, Mursal, Sediqa, Fereshta, Maryam",
            "Ahmadzai, Rahimi, Karimi, Hosseini, Popal, Noori",
            "Kabul, Herat, Mazar-i-Sharif, Kandahar, Jalalabad",
            "Darulaman Road, Shahr-e Naw",
            "####",
            partial_birth_dates=0.35,
        ),
        _o(
            "UA 166 UKR Ukraine",
            "Oleksandr, Dmytro, Andrii, Serhii, Yurii",
            "Olena, Yuliia, Oksana, Kateryna, Iryna",
            "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchuk, Melnyk, Hrytsenko",
            "Kyiv, Kharkiv, Lviv, Odesa, Dnipro, Zaporizhzhia",
            "vul. Khreshchatyk, vul. Sumska, prosp. Svobody",
        ),
        _o(
            "RO 154 ROU Rumänien",
            "Ștefan, Mihai, Răzvan, Cătălin, Andrei",
            "Ioana, Mărioara, Andreea, Ramona, Florența",
            "Popescu, Ionescu, Țurcanu, Rădulescu, Dumitrașcu, Mureșan",
            "București, Brașov, Timișoara, Iași, Constanța, Cluj-Napoca",
            "Strada Ștefan cel Mare, Bulevardul Unirii",
            "######",
        ),
        _o(
            "CZ 164 CZE Tschechien",
            "Jiří, Přemysl, Tomáš, Lukáš, Ondřej",
            "Kateřina, Tereza, Markéta, Lenka, Věra",
            "Dvořák|Dvořáková, Novotný|Novotná, Černý|Černá, Růžička|Růžičková, "
            "Procházka|Procházková, Šťastný|Šťastná",
            "Praha, Brno, Plzeň, České Budějovice, Ostrava",
            "Vodičkova, Náměstí Míru, Štefánikova",
            "### ##",
        ),
        _o(
            "IS 136 ISL Island",
            "Þórður, Guðmundur, Sigurður, Ragnar",
            "Guðrún, Ástríður, Þórunn, Sigríður",
            "Þórsson|Þórsdóttir, Guðmundsson|Guðmundsdóttir, "
            "Sigurðarson|Sigurðardóttir, Ólafsson|Ólafsdóttir",
            "Reykjavík, Akureyri, Ísafjörður, Hafnarfjörður",
            "Laugavegur, Skólavörðustígur",
            "###",
        ),
        _o(
            "HR 130 HRV Kroatien",
            "Tomislav, Krešimir, Ivan, Željko",
            "Đurđica, Mirjana, Ivana, Snježana",
            "Horvat, Kovačević, Jurić, Babić, Marić",
            "Zagreb, Osijek, Split, Rijeka",
            "Ilica, Ulica kralja Zvonimira",
        ),
        _o(
            "IN 436 IND Indien",
            "Arjun, Rahul, Venkatesh, Siddharth, Karthik",
            "Priya, Lakshmi, Ananya, Divya, Meenakshi",
            "Sharma, Patel, Reddy, Iyer, Nair, Krishnamurthy, Banerjee",
            "Bengaluru, Chennai, Hyderabad, Pune, Kolkata, Kochi",
            "MG Road, 3rd Cross Road, Anna Salai",
            "######",
        ),
        _o(
            "NG 232 NGA Nigeria",
            "Chukwuemeka, Oluwaseun, Ibrahim, Tunde",
            "Chinwe, Adaeze, Funmilayo, Ngozi",
            "Okafor, Adeyemi, Okonkwo, Balogun, Eze",
            "Lagos, Ibadan, Enugu, Abuja, Port Harcourt",
            "Adeola Odeku Street, Herbert Macaulay Way",
            "######",
        ),
        _o(
            "BR 327 BRA Brasilien",
            "João, Luís Henrique, Thiago, Caio",
            "Luíza, Conceição, Ana Júlia, Fernanda",
            "Gonçalves, Araújo, Magalhães, Simões, Conceição",
            "São Paulo, Belém, Florianópolis, Goiânia, Curitiba",
            "Rua Augusta, Avenida Paulista",
            "#####-###",
        ),
        _o(
            "IR 439 IRN Iran",
            "Reza, Amir Hossein, Mehdi, Dariush",
            "Shirin, Parisa, Nazanin, Golnar",
            "Rezaei, Mohammadi, Jafari, Tehrani",
            "Tehran, Isfahan, Shiraz, Tabriz",
            "Vali-e Asr Avenue, Enghelab Street",
            "##########",
            partial_birth_dates=0.1,
        ),
        _o(
            "ER 224 ERI Eritrea",
            "Yonas, Tesfalem, Mehari, Filmon",
            "Senait, Helen, Selam, Luwam",
            "Tesfamariam, Ghebremedhin, Haile, Berhane",
            "Asmara, Keren, Massawa",
            "Harnet Avenue",
            "",
            partial_birth_dates=0.4,
        ),
        _o(
            "CO 349 COL Kolumbien",
            "Andrés Felipe, Julián, Sebastián",
            "Valentina, María Camila, Daniela",
            "Rodríguez, Gómez, Castaño, Ospina",
            "Medellín, Bogotá, Cali, Bucaramanga",
            "Carrera 7, Calle 26",
            "######",
        ),
        _o(
            "PH 462 PHL Philippinen",
            "Jericho, Mark Anthony, Rodel",
            "Maricel, Jocelyn, Ma. Theresa",
            "Santos, dela Cruz, Bautista, Villanueva",
            "Manila, Cebu City, Davao City, Quezon City",
            "Rizal Avenue, Osmeña Boulevard",
            "####",
        ),
    )
}

# Who files what: weights per scenario, so each message type gets a plausible population.
APPLICANTS = {
    "TR": 12, "SY": 10, "UA": 12, "AF": 8, "VN": 6, "IN": 8, "IR": 4,
    "ER": 3, "NG": 4, "BR": 3, "CO": 3, "PH": 3,
}  # fmt: skip
SKILLED = {"IN": 10, "VN": 5, "PH": 4, "BR": 4, "CO": 3, "TR": 4, "UA": 3, "NG": 3, "IR": 2}
EU_CITIZENS = {"PL": 8, "RO": 8, "ES": 4, "CZ": 3, "HR": 3, "IS": 1}
THIRD_COUNTRY_SPOUSES = {"TR": 5, "VN": 2, "UA": 4, "BR": 3, "CO": 2, "NG": 2, "IN": 2, "SY": 1}
GERMAN = "DE"

OFFICE_CITY = "Musterstadt"
OFFICE_POSTCODES = ("12345", "12347", "12349", "12351", "12355")
STREETS = (
    "Hauptstraße", "Bahnhofstraße", "Schloßallee", "Am Mühlgraben", "Königsweg", "Lindenstraße",
    "Gartenstraße", "Rosenweg", "Goethestraße", "Schillerplatz", "Friedrich-Ebert-Straße",
    "Jägerstraße", "Große Fischerstraße", "Ölmühlenweg", "An der Bärenschanze", "Lößnitzgrund",
)  # fmt: skip
EMPLOYERS = (
    "Müller & Söhne Präzisionstechnik GmbH", "Großküchen Weiß KG", "Pflegedienst Sonnenhöfe gGmbH",
    "Bäckerei Strauß e. K.", "Köhler Logistik GmbH & Co. KG", "Softwarehaus Nordlicht AG",
    "Klinikum Musterstadt gGmbH", "Elektro Fuß GmbH", "Hotel Zur Schönen Aussicht OHG",
)  # fmt: skip
LAW_FIRMS = (
    "Kanzlei Groß & Partner Rechtsanwälte",
    "Rechtsanwältin Dr. Jördis Meißner",
    "Migrationsrecht Schäfer Böhm PartG mbB",
)
ORGANISATIONS = (
    "Universität Musterstadt",
    "Musterstädter Kulturverein e. V.",
    "Ökumenischer Förderkreis Südost e. V.",
    "Deutsch-Türkischer Jugendaustausch Musterstadt e. V.",
)
EMAIL_DOMAINS = ("example.org", "example.com", "example.net", "mail.example")


@dataclass
class Address:
    street: str
    number: str
    postcode: str
    city: str
    suffix: str | None = None  # "a", "b"
    floor: str | None = None  # stockwerkswohnungsnummer, at most four characters
    care_of: str | None = None  # wohnungsinhaber, when living with someone else


@dataclass
class Person:
    """A fictitious person; `birth` is "YYYY", "YYYY-MM" or "YYYY-MM-DD" (partly known dates)."""

    origin: str
    given: str
    family: str
    sex: str  # XInneres Geschlecht code: m, w, d, x
    birth: str
    birth_place: str
    nationalities: list[str]
    marital: str  # Familienstand code
    birth_name: str | None = None
    email: str | None = None
    phone: str | None = None
    height_cm: int | None = None
    address: Address | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def birth_date(self) -> date:
        """A full date for computations (ages, document validity), even if only partly known."""
        parts = [int(p) for p in self.birth.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


def weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def digits(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)


def ascii_fold(text: str) -> str:
    """Plain ASCII for e-mail addresses and machine-readable zones; never for names."""
    special = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "þ": "th", "Þ": "Th"}
    special |= {"ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae"}
    out = []
    for ch in text:
        ch = special.get(ch, ch)
        decomposed = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in decomposed if c.isascii()))
    return "".join(out)


def family_name(rng: random.Random, origin: Origin, sex: str) -> str:
    raw = rng.choice(origin.family)
    male, _, female = raw.partition("|")
    return female if female and sex == "w" else male


def sample_sex(rng: random.Random) -> str:
    return rng.choices(("m", "w", "d", "x"), weights=(50, 48, 1, 1))[0]


def sample_birth(rng: random.Random, origin: Origin, today: date, ages: tuple[int, int]) -> str:
    born = today - timedelta(days=rng.randint(ages[0] * 365 + 1, ages[1] * 365 + 200))
    if rng.random() < origin.partial_birth_dates:
        return f"{born.year:04d}" if rng.random() < 0.6 else f"{born.year:04d}-{born.month:02d}"
    return born.isoformat()


def german_address(rng: random.Random, city: str = OFFICE_CITY) -> Address:
    return Address(
        street=rng.choice(STREETS),
        number=str(rng.randint(1, 180)),
        postcode=rng.choice(OFFICE_POSTCODES),
        city=city,
        suffix=rng.choice("ab") if rng.random() < 0.12 else None,
        floor=rng.choice(("1 li", "2 re", "3", "EG", "4.OG")) if rng.random() < 0.2 else None,
    )


def foreign_address_lines(rng: random.Random, origin: Origin, place: str) -> list[str]:
    """Address abroad as printed lines (XInneres Druckbild allows 2-5 lines of 35 characters)."""
    street = f"{rng.choice(origin.streets)} {rng.randint(1, 140)}"
    code = digits(rng, origin.postcode)
    return [street[:35], (f"{code} {place}" if code else place)[:35]]


def make_person(
    rng: random.Random,
    origin_key: str,
    today: date,
    *,
    sex: str | None = None,
    ages: tuple[int, int] = (18, 62),
    family: str | None = None,
    with_address: bool = True,
) -> Person:
    """A plausible person of the given origin; nationality follows the origin, rarely two."""
    origin = ORIGINS[origin_key]
    sex = sex or sample_sex(rng)
    if sex == "m":
        given = rng.choice(origin.male)
    elif sex == "w":
        given = rng.choice(origin.female)
    else:
        given = rng.choice(origin.male + origin.female)
    fam = family or family_name(rng, origin, sex)
    birth = sample_birth(rng, origin, today, ages)
    age = today.year - int(birth[:4])
    if age < 18:
        marital = "LD"
    else:
        marital = rng.choices(("LD", "VH", "GS", "VW", "LP", "NB"), weights=(40, 45, 8, 2, 2, 3))[0]
    nationalities = [origin.nationality]
    if rng.random() < 0.04:
        other = rng.choice([o for o in ("000", "154", "152", "163") if o != origin.nationality])
        nationalities.append(other)
    local = ascii_fold(f"{given.split()[0]}.{fam.split()[-1]}").lower().replace("'", "")
    person = Person(
        origin=origin_key,
        given=given,
        family=fam,
        sex=sex,
        birth=birth,
        birth_place=rng.choice(origin.places),
        nationalities=nationalities,
        marital=marital,
        email=f"{local}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}",
        phone=f"+49 1{rng.choice('567')}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}",
        height_cm=rng.randint(150, 195) if rng.random() < 0.4 else None,
        address=german_address(rng) if with_address else None,
    )
    if marital == "VH" and sex == "w" and rng.random() < 0.25:
        person.birth_name = family_name(rng, origin, sex)
    if age < 14:
        person.email = person.phone = None
    if person.address and rng.random() < 0.04:
        person.address.care_of = f"bei {family_name(rng, ORIGINS['DE'], 'm')}"
    return person
