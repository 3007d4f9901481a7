"""Graph build time on synthetic corpora (the 485-document archive must take seconds).

    .venv/bin/python benchmarks/bench_graph.py            # 500 and 5000 records
    .venv/bin/python benchmarks/bench_graph.py 485 2000   # other sizes

Each synthetic record is a provincial or central document citing 3-15 others: central directives
(Thủ tướng, Bộ Chính trị) across years, earlier documents of its own province (`UBND tỉnh`,
`Ban Thường vụ Tỉnh ủy` without a locality), short later mentions, an alias (`Đề án 06`) and a few
citations that cannot be resolved.  `synthetic_records` is also used by tests/test_explorer.py.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.graph import build_graph, write_graph  # noqa: E402

PROVINCES = ["Tiền Giang", "Bắc Giang", "Hồ Chí Minh", "Hà Nội", "Cần Thơ", "Quảng Ninh", "Nghệ An", "Đắk Lắk",
             "Lâm Đồng", "Thanh Hóa", "Đà Nẵng", "Cao Bằng", "Sơn La", "Long An", "Bến Tre"]
RELATIONS = ["implements", "based_on", "mentions", "guides", "continues", "mentions", "implements"]


def _date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def synthetic_records(n: int, seed: int = 0) -> list[dict]:
    """`n` record dicts of SCHEMA.md shape with realistic citation patterns."""
    rng = random.Random(seed)
    central = [("05/CT-TTg", "Chỉ thị", "2023-02-23", "Thủ tướng Chính phủ"),
               ("06/QĐ-TTg", "Quyết định", "2022-01-06", "Thủ tướng Chính phủ"),
               ("30/2020/NĐ-CP", "Nghị định", "2020-03-05", "Chính phủ"),
               ("05-CT/TW", "Chỉ thị", "2016-05-15", "Bộ Chính trị"),
               ("18-NQ/TW", "Nghị quyết", "2017-10-25", "Ban Chấp hành Trung ương"),
               ("18-NQ/TW", "Nghị quyết", "2022-06-16", "Ban Chấp hành Trung ương")]
    central += [(f"{k}/CT-TTg", "Chỉ thị", _date(rng, rng.randint(2019, 2025)), "Thủ tướng Chính phủ")
                for k in range(1, 40)]
    earlier: dict[str, list[tuple]] = {p: [] for p in PROVINCES}
    out = []
    for i in range(n):
        prov = rng.choice(PROVINCES)
        year = rng.randint(2021, 2024)
        date = _date(rng, year)
        party = rng.random() < 0.4
        num = str(rng.randint(1, 400))
        if party:
            typ, code = rng.choice([("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Nghị quyết", "NQ")])
            symbol, issuer = f"{num}-{code}/TU", f"Tỉnh ủy {prov}"
        else:
            typ, code = rng.choice([("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT")])
            symbol, issuer = f"{num}/{code}-UBND", f"Ủy ban nhân dân tỉnh {prov}"
        cits = []
        text_parts = []
        for _ in range(rng.randint(3, 15)):
            r = rng.random()
            if r < 0.45:
                s, t, d, iss = rng.choice(central)
            elif r < 0.8 and earlier[prov]:
                s, t, d, iss = rng.choice(earlier[prov])
                iss = "Ban Thường vụ Tỉnh ủy" if "/TU" in s else "UBND tỉnh"
            elif r < 0.87:
                s, t, d, iss = None, "Đề án", None, None
            elif r < 0.93:
                s, t, d, iss = rng.choice(central)
                d = None                                   # short later mention
            else:
                s, t, d, iss = f"{rng.randint(1, 999)}/KH-UBND", "Kế hoạch", None, "UBND huyện"
            text = f"{t} số {s} ngày {d} của {iss}" if s else "Đề án 06"
            start = sum(len(x) + 1 for x in text_parts)
            text_parts.append(text)
            cits.append({"text": text, "span": [start, start + len(text)], "doc_type": t,
                         "number": s.split("/")[0].split("-")[0] if s else None, "symbol": s,
                         "symbol_as_written": s.replace("/", "-", 1) if s and rng.random() < 0.1 else s,
                         "date": d, "issuer": iss, "relation": rng.choice(RELATIONS), "target": None,
                         "path": f"{rng.randint(1, 5)}", "title": None})
        aliases = []
        if any(c["symbol"] == "06/QĐ-TTg" for c in cits):
            aliases.append({"alias": "Đề án 06", "refers_to": "vn:state:ttg:qd:06:2022", "span": None})
        tasks = [{"path": str(k), "label": f"{k}.", "level": 1, "parent": None, "span": [0, 10],
                  "text": f"Nhiệm vụ {k} của {issuer}",
                  "bodies": [{"name": "Sở Nội vụ", "role": "lead", "span": [0, 9], "canonical": None,
                              "inherited": False}],
                  "deadlines": [{"text": "trước ngày 30/6", "span": [0, 5], "kind": "date", "value": f"{year}-06-30"}]}
                 for k in range(1, rng.randint(2, 8))]
        out.append({"schema_version": "1", "id": f"syn-{i:06d}", "source": {"path": f"syn/{i}.txt", "format": "txt"},
                    "text": " ".join(text_parts),
                    "header": {"system": "party" if party else "state", "issuer": {"name": issuer, "span": None},
                               "doc_type": typ, "doc_type_code": code, "number": num, "symbol": symbol, "date": date,
                               "place": prov, "title": f"{typ} {symbol} về nhiệm vụ {i}", "locality": prov},
                    "tasks": tasks, "citations": cits, "aliases": aliases, "warnings": []})
        earlier[prov].append((symbol, typ, date, issuer))
    return out


def bench(n: int) -> dict[str, float]:
    recs = synthetic_records(n, seed=n)
    t0 = time.perf_counter()
    res = build_graph(recs)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as d:
        write_graph(res.graph, d)
        t2 = time.perf_counter()
        from pipeline.graph import write_explorer
        write_explorer(res.graph, recs, Path(d) / "explorer.html")
        t3 = time.perf_counter()
        size = (Path(d) / "explorer.html").stat().st_size
    s = res.summary()
    return {"records": n, "citations": s["citations"], "nodes": s["nodes"], "edges": s["edges"],
            "build_s": round(t1 - t0, 3), "write_s": round(t2 - t1, 3), "explorer_s": round(t3 - t2, 3),
            "explorer_mb": round(size / 1e6, 2)}


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [500, 5000]
    for n in sizes:
        print(bench(n))
