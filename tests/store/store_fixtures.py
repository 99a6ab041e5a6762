"""Reports and documents for the store tests: short Arabic sentences written for them,
and synthetic events built from the model records (no extraction) for property tests."""
from __future__ import annotations

from datetime import date, timedelta

from jsonl import write_jsonl  # noqa: F401  (store tests import it from here)
from marsad.model import (
    Actor,
    Article,
    Claim,
    DateValue,
    Document,
    Event,
    Fatalities,
    Location,
)

# One air strike on Hamouriyah told by three outlets, with three tolls and three wordings.
HAMOURIYAH = [
    {"id": "sham-1", "outlet": "شبكة شام", "url": "https://sham.example/news/1", "published": "2018-03-21",
     "text": "قصفت طائرات النظام أمس بلدة حمورية في الغوطة الشرقية ما أدى إلى مقتل 12 مدنيا."},
    {"id": "obs-7", "outlet": "المرصد السوري", "url": "https://observatory.example/7", "published": "2018-03-21",
     "text": "استهدفت غارات جوية لقوات النظام يوم أمس بلدة حمورية في الغوطة الشرقية، "
             "وقال الدفاع المدني إن 15 مدنيا قتلوا في القصف."},
    {"id": "enab-3", "outlet": "عنب بلدي", "url": "https://enab.example/3", "published": "2018-03-22",
     "text": "قتل 9 مدنيين على الأقل جراء غارات شنها الطيران الحربي التابع للنظام على بلدة حمورية "
             "في الغوطة الشرقية يوم الثلاثاء."},
]
# Two strikes the same day on Idlib and Ma'arrat al-Nu'man, about 31 km apart; a third
# outlet tells the Idlib one again.
IDLIB = {"id": "sham-2", "outlet": "شبكة شام", "url": "https://sham.example/news/2", "published": "2018-03-21",
         "text": "قصفت طائرات النظام أمس مدينة إدلب ما أدى إلى مقتل 5 مدنيين."}
MAARRA = {"id": "obs-8", "outlet": "المرصد السوري", "url": "https://observatory.example/8",
          "published": "2018-03-21", "text": "قصفت طائرات النظام أمس مدينة معرة النعمان ما أدى إلى مقتل 4 مدنيين."}
IDLIB_AGAIN = {"id": "smart-4", "outlet": "سمارت", "url": "https://smart.example/4", "published": "2018-03-21",
               "text": "أفاد ناشطون بأن الطيران الحربي التابع للنظام شن غارات على مدينة إدلب يوم أمس وقتل 6 مدنيين."}
CLASH = {"id": "orient-5", "outlet": "أورينت", "url": "https://orient.example/5", "published": "2018-03-21",
         "text": "اندلعت اشتباكات عنيفة أمس بين قوات النظام وفصائل المعارضة في محيط بلدة اللطامنة "
                 "أسفرت عن مقتل 6 عناصر."}
IED = {"id": "orient-6", "outlet": "أورينت", "url": "https://orient.example/6", "published": "2018-03-21",
       "text": "قتل 3 مدنيين بانفجار عبوة ناسفة أمس في مدينة الباب."}
RUSSIAN = {"id": "zaman-9", "outlet": "زمان الوصل", "url": "https://zaman.example/9", "published": "2018-03-14",
           "text": "قصفت طائرات روسية أمس مدينة دوما ما أدى إلى مقتل 7 مدنيين."}
ENGLISH = {"id": "reuters-1", "outlet": "Reuters", "url": "https://reuters.example/1", "published": "2018-03-21",
           "text": "The army said on Monday that it had taken the town after heavy fighting. " * 4}

# Towns the gazetteer places at precision 1, each more than 10 km from the others,
# for generated batches of reports.
TOWNS = ["حمورية", "سراقب", "معرة النعمان", "إدلب", "جسر الشغور", "خان شيخون", "اللطامنة", "تلبيسة", "داريا",
         "جاسم", "نوى", "الميادين", "البوكمال", "منبج", "عفرين"]
OUTLETS = ["شبكة شام", "المرصد السوري", "عنب بلدي", "سمارت"]


def generated_reports(n: int, start: date = date(2018, 1, 2)) -> list[dict]:
    """``n`` short reports: each town struck on several days, each strike told by two outlets."""
    out = []
    for i in range(n):
        strike = i // 2
        town = TOWNS[strike % len(TOWNS)]
        day = start + timedelta(days=strike // len(TOWNS))
        outlet = OUTLETS[(i + strike) % len(OUTLETS)]
        out.append({"id": f"gen-{i:04d}", "outlet": outlet, "url": f"https://gen.example/{i}",
                    "published": (day + timedelta(days=1)).isoformat(),
                    "text": f"قصفت طائرات النظام أمس بلدة {town} ما أدى إلى مقتل {3 + i % 7} مدنيين."})
    return out


# Synthetic events ------------------------------------------------------------------

PLACES = {  # name: (lat, lon, admin1)
    "Hamouriyah": (33.527, 36.392, "Rif Dimashq"),
    "Saqba": (33.519, 36.383, "Rif Dimashq"),  # 1.2 km from Hamouriyah
    "Duma": (33.572, 36.403, "Rif Dimashq"),  # 5 km from Hamouriyah
    "Harasta": (33.559, 36.365, "Rif Dimashq"),  # 6 km from Duma
    "Idlib": (35.931, 36.634, "Idlib"),
    "Maarra": (35.648, 36.677, "Idlib"),  # 31 km from Idlib
    "Saraqib": (35.864, 36.806, "Idlib"),  # 17 km from Idlib
}
ACTORS = {
    "regime": ("Military Forces of Syria", "state"),
    "russia": ("Military Forces of Russia", "external"),
    "unknown": ("Unidentified Armed Group (Syria)", "political_militia"),
    "hts": ("HTS: Hayat Tahrir al-Sham", "rebel"),
}


def actor(key: str) -> Actor:
    name, kind = ACTORS[key]
    return Actor(name, name, kind, "SY", (), name)


def event(report: str, n: int, place: str = "Hamouriyah", day: date = date(2018, 3, 20), precision: int = 1,
          date_precision: str = "day", attacker: str = "regime", etype: str = "Explosions/Remote violence",
          sub: str = "Air/drone strike", killed: tuple[int, ...] = (), claimant: str = "o") -> Event:
    lat, lon, admin1 = PLACES[place]
    claims = tuple(Claim(k, "exact", claimant, str(k)) for k in killed)
    best = min(killed) if killed else 0
    return Event(
        id=f"{report}:{n}", event_type=etype, sub_event_type=sub, reported=True,
        date=DateValue(day, day, date_precision, "أمس"),
        location=Location(place, place, "SY", admin1, None, lat, lon, precision, f"test:{place}", place),
        actor1=actor(attacker), actor2=Actor("Civilians (Syria)", "مدنيون", "civilians", "SY", (), "مدنيين"),
        fatalities=Fatalities(best, min(killed, default=0), max(killed, default=0), claims),
    )


def document(report: str, events: list[Event], outlet: str = "o", text: str | None = None,
             published: date = date(2018, 3, 21), url: str | None = None) -> Document:
    text = text or f"تقرير {report} عن قصف"
    return Document(Article(id=report, text=text, url=url, outlet=outlet, published=published), tuple(events))
