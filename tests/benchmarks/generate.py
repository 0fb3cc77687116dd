"""Generated articles for benchmarks: realistic layout, many people and documents, any size."""

from __future__ import annotations

import random

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
