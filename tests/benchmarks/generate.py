"""Generated articles for benchmarks: realistic layout, many people and documents, any size."""

from __future__ import annotations

import random
from pathlib import Path

FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo",
          "Duong", "Ly", "Dinh", "Dao", "Doan", "Trinh", "Lam", "Mai", "Truong", "Cao", "Luong"]
MIDDLE = ["Van", "Thi", "Duc", "Minh", "Huu", "Quang", "Thanh", "Ngoc", "Xuan", "Dinh", "Kim"]
GIVEN = ["Thong", "Huong", "Cuong", "Nam", "Ngoc", "Hoang", "Khoi", "Trung", "Quy", "Hieu", "Long",
         "Binh", "Chinh", "Dung", "Giang", "Hai", "Khanh", "Lan", "Mai", "Phuong", "Son", "Tam",
         "Tuan", "Vinh", "Yen", "Anh", "Bao", "Dat", "Hung", "Linh", "Loc", "Nhung", "Tien"]
POSTS = [
    "Secretary of the {d} District Party Committee",
    "Chairman of the {d} District People's Committee",
    "Director of the Department of {f}",
    "Deputy Director of the Department of {f}",
    "Head of the {f} Division of {d} District",
    "Vice Chairman of the {d} District People's Council",
]
DISTRICTS = ["Quynh Luu", "Dien Chau", "Yen Thanh", "Do Luong", "Nghi Loc", "Nam Dan",
             "Thanh Chuong", "Anh Son", "Con Cuong", "Tuong Duong", "Ky Son", "Quy Hop"]
FIELDS = ["Finance", "Health", "Education and Training", "Agriculture and Rural Development",
          "Home Affairs", "Construction", "Natural Resources and Environment", "Transport"]
TYPES = [("NQ", "Resolution"), ("KL", "Conclusion"), ("CT", "Directive"), ("KH", "Plan")]
ISSUERS = [("TW", "of the Politburo"), ("TU", "of the Provincial Party Committee"),
           ("TW", "of the Secretariat")]
FILLER = (
    "The {org} has focused on leading and directing the implementation of socio-economic "
    "development tasks, ensuring national defense and security, and building a clean and strong "
    "Party and political system in the area. "
)


def generate_article(target_bytes: int = 1_000_000, seed: int = 7) -> str:
    """An article of about `target_bytes` with hundreds of officials and documents."""
    rng = random.Random(seed)
    people: list[tuple[str, str]] = []
    names: set[str] = set()
    while len(people) < 400:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if name in names:
            continue
        names.add(name)
        post = rng.choice(POSTS).format(d=rng.choice(DISTRICTS), f=rng.choice(FIELDS))
        people.append((name, post))
    documents = []
    for n in range(1, 301):
        code, word = rng.choice(TYPES)
        issuer_code, issuer = rng.choice(ISSUERS)
        documents.append((f"{n}-{code}/{issuer_code}", word, n, issuer))
    parts = [
        "Nghe An reviews the implementation of Party resolutions across districts and communes",
        "",
        "Thanh Duy - Ngoc Quy April 12, 2023 17:14",
        "",
        "(Baonghean.vn) - On the morning of April 12, the Provincial Party Committee held a "
        "conference to review the implementation of resolutions in the first quarter.",
        "",
    ]
    size = sum(len(p) + 1 for p in parts)
    section = 0
    cited: list[int] = []
    while size < target_bytes:
        section += 1
        chunk: list[str] = [f"SECTION {section}: RESULTS OF IMPLEMENTATION IN THE AREA", ""]
        for _ in range(8):
            name, post = rng.choice(people)
            d = rng.randrange(len(documents))
            code, word, number, issuer = documents[d]
            sentences = [FILLER.format(org=rng.choice(DISTRICTS) + " District Party Committee")]
            if d in cited:
                sentences.append(f"Implementing {word} No. {number} {issuer}, the units achieved "
                                 "important results. ")
            else:
                cited.append(d)
                sentences.append(f"Implementing {word} No. {code} {issuer} dated March 7, 2023 on "
                                 "the development of the province, the units achieved results. ")
            sentences.append(f"Comrade {name} - {post} said that the locality would continue. ")
            sentences.append(f"Mr. {name.split()[-1]} also asked departments to coordinate. ")
            chunk.append("".join(sentences * 2))
            chunk.append("")
        name = rng.choice(people)[0]
        chunk.append(f"Comrade {name} spoke at the conference. Photo: Thanh Duy")
        chunk.append("")
        text = "\n".join(chunk)
        parts.append(text)
        size += len(text) + 1
    parts += ["Featured Nghe An Newspaper", "", "Latest", ""]
    return "\n".join(parts)


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
AUTHORS = ["Thanh Duy", "Ngoc Quy", "Mai Hoa", "Dinh Tuyen", "Thanh Le", "Hoai Thu", "Phu Huong"]
TITLES = [
    "{d} District Party Committee reviews the implementation of {doc}",
    "Provincial leaders work with the Standing Committee of {d} District Party Committee",
    "{d} district speeds up public investment disbursement in the {q} quarter",
    "Conference on the results of implementing {doc} in {d} district",
    "Provincial Party Standing Committee inspects cadre work in {d} district",
]


def _library_people(rng: random.Random, count: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """People with a career: (name, [(from year, post), ...]); a post changes over the years."""
    people: list[tuple[str, list[tuple[int, str]]]] = []
    names: set[str] = set()
    while len(people) < count:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if name in names:
            continue
        names.add(name)
        career = [(2014, rng.choice(POSTS).format(d=rng.choice(DISTRICTS), f=rng.choice(FIELDS)))]
        if rng.random() < 0.4:
            career.append((rng.randrange(2017, 2024),
                           rng.choice(POSTS).format(d=rng.choice(DISTRICTS),
                                                    f=rng.choice(FIELDS))))
        people.append((name, career))
    return people


def _library_documents(rng: random.Random, count: int) -> list[tuple[str, str, str, int, int]]:
    """Documents: (code, type word, issuer phrase, number, year); some codes recur in two terms."""
    documents = []
    for i in range(count):
        number = rng.randrange(1, 60) if i % 10 else 26
        code, word = rng.choice(TYPES)
        issuer_code, issuer = rng.choice(ISSUERS)
        documents.append((f"{number}-{code}/{issuer_code}", word, issuer, number,
                          rng.randrange(2012, 2024)))
    return documents


def generate_library_article(rng: random.Random, people: list[tuple[str, list[tuple[int, str]]]],
                             documents: list[tuple[str, str, str, int, int]]) -> str:
    """One article of about 4-8 KB: a dated byline, officials with the post they held that year,
    documents cited with their date and issuer (or, now and then, the bare code)."""
    year = rng.randrange(2015, 2025)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    district = rng.choice(DISTRICTS)
    cast = rng.sample(people, rng.randrange(4, 9))
    cited = rng.sample([d for d in documents if d[4] < year] or documents, rng.randrange(1, 4))
    first_doc = f"{cited[0][1]} No. {cited[0][0]}"
    title = rng.choice(TITLES).format(d=district, doc=first_doc, q=rng.choice(["first", "second"]))
    parts = [
        title, "",
        f"{' - '.join(rng.sample(AUTHORS, rng.randrange(1, 3)))} {MONTH_NAMES[month - 1]} {day}, "
        f"{year} {rng.randrange(7, 22)}:{rng.randrange(60):02d}", "",
    ]

    def post_of(career: list[tuple[int, str]]) -> str:
        return [post for start, post in career if start <= year][-1]

    host, host_career = cast[0]
    parts += [f"(Baonghean.vn) - On {MONTH_NAMES[month - 1]} {day}, comrade {host} - "
              f"{post_of(host_career)} chaired a meeting in {district} district on the "
              "implementation of socio-economic development tasks.", ""]
    target = rng.randrange(4000, 8000)
    paragraph = 0
    while sum(len(p) + 1 for p in parts) < target:
        paragraph += 1
        name, career = rng.choice(cast)
        code, word, issuer, number, doc_year = rng.choice(cited)
        if rng.random() < 0.15:
            citation = f"{word} No. {code}"
        else:
            citation = (f"{word} No. {code} dated {MONTH_NAMES[number % 12]} {number % 27 + 1}, "
                        f"{doc_year} {issuer}")
        sentences = [
            FILLER.format(org=f"{district} District Party Committee"),
            f"Implementing {citation}, the units achieved important results. ",
            f"Comrade {name} - {post_of(career)} said that the locality would continue. ",
            f"Mr. {name.split()[-1]} also asked departments to coordinate closely. ",
        ]
        parts += ["".join(sentences), ""]
        if paragraph % 3 == 0:
            parts += [f"Comrade {name} spoke at the meeting. Photo: {rng.choice(AUTHORS)}", ""]
    parts += ["Featured Nghe An Newspaper", "", "Latest", ""]
    return "\n".join(parts)


def generate_library(directory: str | Path, count: int = 1000, seed: int = 11) -> list[Path]:
    """Write `count` generated articles (about 4-8 KB each) into `directory`, in subdirectories
    by year of writing order; returns their paths."""
    rng = random.Random(seed)
    people = _library_people(rng, 250)
    documents = _library_documents(rng, 120)
    root = Path(directory)
    paths = []
    for i in range(count):
        path = root / f"batch{i // 100:02d}" / f"article_{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_library_article(rng, people, documents), encoding="utf-8")
        paths.append(path)
    return paths


def age_files(paths: list[Path], seconds: float) -> None:
    """Make files look written `seconds` ago, as a real library's files are (files written in
    the last two seconds are read and hashed again at each opening)."""
    import os
    import time

    when = time.time() - seconds
    for path in paths:
        os.utime(path, (when, when))
