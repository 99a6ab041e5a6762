"""Every sub-event type of the codebook, each from a short report written for it."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.model import EVENT_TYPES, Article
from marsad.pipeline import extract

CASES = {
    "Government regains territory": "سيطرت قوات النظام أمس على مدينة الميادين بعد معارك مع تنظيم داعش.",
    "Non-state actor overtakes territory": "سيطر تنظيم داعش أمس على مدينة الميادين بعد معارك مع قوات النظام.",
    "Armed clash": "اندلعت أمس اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة البوكمال.",
    "Chemical weapon": "قصفت طائرات النظام أمس بلدة خان شيخون بغاز السارين ما أدى إلى مقتل عشرات المدنيين.",
    "Air/drone strike": "شنت الطائرات الحربية الروسية أمس غارات على مدينة إدلب.",
    "Suicide bomb": "فجر انتحاري أمس حزاما ناسفا في سوق مدينة الرمادي ما أدى إلى مقتل سبعة أشخاص.",
    "Shelling/artillery/missile attack": "قصفت قوات النظام بالمدفعية أمس بلدة كفرنبل.",
    "Remote explosive/landmine/IED": "انفجرت عبوة ناسفة أمس بسيارة عسكرية في مدينة درعا.",
    "Grenade": "ألقى مجهولون قنبلة يدوية أمس على محل تجاري في مدينة الحسكة.",
    "Sexual violence": "تعرضت امرأة للاغتصاب أمس على يد عناصر تنظيم داعش في مدينة الرقة.",
    "Attack": "أعدم تنظيم داعش أمس قياديا في ميليشيا الدفاع الوطني في حي التضامن جنوب دمشق.",
    "Abduction/forced disappearance": "اختطف مسلحون مجهولون أمس ثلاثة مدنيين في مدينة الموصل.",
    "Excessive force against protesters": "خرجت مظاهرة أمس في مدينة البصرة وأطلقت قوات الأمن الرصاص الحي على المتظاهرين.",
    "Protest with intervention": "خرجت مظاهرة أمس في مدينة البصرة وفرقت قوات الأمن المتظاهرين بالغاز المسيل للدموع.",
    "Peaceful protest": "خرجت مظاهرة سلمية أمس في مدينة إدلب للمطالبة بالإفراج عن المعتقلين.",
    "Violent demonstration": "اندلعت أعمال شغب أمس في مدينة البصرة وأحرق المحتجون مبنى المحافظة.",
    "Mob violence": "هاجم حشد غاضب أمس منازل عائلات في مدينة المنيا.",
    "Agreement": "توصلت قوات النظام وفصائل المعارضة أمس إلى اتفاق يقضي بخروج المقاتلين من حي الوعر في مدينة حمص.",
    "Arrests": "شنت قوات الأمن حملة اعتقالات أمس في مدينة الرقة.",
    "Change to group/activity": "أعلن جيش الإسلام حل نفسه أمس في مدينة دوما.",
    "Disrupted weapons use": "تمكنت قوات النظام أمس من تفكيك عبوة ناسفة في مدينة حمص.",
    "Headquarters or base established": "أنشأت القوات التركية أمس نقطة مراقبة في مدينة الباب بريف حلب.",
    "Looting/property destruction": "نهب عناصر تنظيم داعش أمس منازل المدنيين في مدينة تدمر.",
    "Non-violent transfer of territory": "دخلت قوات النظام أمس مدينة دوما عقب خروج مقاتلي المعارضة منها.",
    "Other": "فرضت قوات النظام حظر التجول أمس في مدينة حماة.",
}


def test_typology_covers_every_sub_event_type():
    assert set(CASES) == {sub for subs in EVENT_TYPES.values() for sub in subs}


@pytest.mark.parametrize(("sub", "text"), sorted(CASES.items()))
def test_typology_each_sub_event_type_is_coded(sub, text):
    events = extract(Article(id="t", text=text, published=date(2018, 3, 21))).events
    assert sub in [e.sub_event_type for e in events], [(e.sub_event_type, e.location.name) for e in events]
    event = next(e for e in events if e.sub_event_type == sub)
    assert event.event_type == next(t for t, subs in EVENT_TYPES.items() if sub in subs)
    assert event.date.start == date(2018, 3, 20)
