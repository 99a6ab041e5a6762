"""Short hand-written Arabic reports for the batch tests (no corpus text)."""
from __future__ import annotations

import json
from pathlib import Path

TOWNS = ["حمورية", "دوما", "سقبا", "عربين", "كفربطنا", "حرستا", "زملكا", "جسرين", "مسرابا", "عين ترما"]
ACTS = [
    "قصفت طائرات النظام {when} بلدة {town} في الغوطة الشرقية ما أدى إلى مقتل {n} مدنيا",
    "قتل {n} مدنيين {when} جراء قصف مدفعي لقوات النظام على مدينة {town} في ريف دمشق",
    "شنت الطائرات الحربية الروسية {when} غارات على بلدة {town} وقتل {n} أشخاص بحسب المرصد السوري لحقوق الإنسان",
]
WHEN = ["أمس", "اليوم", "فجر اليوم"]


def reports(n: int = 30) -> list[dict]:
    """``n`` JSON Lines records over three publication months, plus a few that fail."""
    out = []
    for i in range(n):
        text = ACTS[i % len(ACTS)].format(when=WHEN[i % len(WHEN)], town=TOWNS[i % len(TOWNS)], n=3 + i % 17)
        month = 1 + i % 3
        rec = {"id": f"r{i:03d}", "text": text, "outlet": "وكالة تجريبية"}
        if i % 7 != 6:  # some reports carry no date: the "unknown" month
            rec["published"] = f"2018-{month:02d}-{1 + i % 27:02d}"
        out.append(rec)
    out.append({"id": "english", "text": "Government aircraft struck the town of Douma yesterday, killing twelve."})
    out.append({"id": "empty", "text": "   "})
    return out


def write_jsonl(path: Path, records: list[dict], broken_line: bool = True) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if broken_line:
        lines.insert(len(lines) // 2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path
