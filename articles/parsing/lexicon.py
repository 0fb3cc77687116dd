"""Word lists for Vietnamese political news in English: family names, posts, organisations, places.

All entries are folded (no diacritics, lower case) so they compare with `folding.fold` output.
"""

from __future__ import annotations

from articles.folding import fold


def _phrases(listing: str) -> frozenset[str]:
    """Entries of a "|"-separated listing that may wrap across lines."""
    return frozenset(" ".join(p.split()) for p in listing.split("|") if p.strip())

FAMILY_NAMES: frozenset[str] = frozenset(
    """
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao doan trinh
    lam mai truong cao luong thai ha phung luu ta chu la khuat kieu quach tong van au giap khong
    lo lu kha mac nghiem ong tieu thach tang thieu hua vuong to dam lai ton chau han hau ninh
    quan cu bach bien chung dien doan tu tiet trieu yen y ung vi sam xong moong lang vang lau
    sung mua thao nong ma be luc
    bhling briu alang arat coor zo ating bnuoch hoih clau ksor nay siu rmah kpa ro rcom mlo
    hlong danh neang
    """.split()
)
"""Vietnamese family names (folded), Kinh and of the ethnic minorities: Tay and Nung (Nong,
Ma, Be, Luc), Co Tu (Bhling, Briu, Alang, Arat), Jarai and Ede (Ksor, Nay, Siu, Rmah, Kpa, Rơ
Chăm), Khmer (Danh, Neang). One cue among several: pen names have none."""

GENDER_PREFIXES = ("h'", "h’")
"""The Ede and Jarai openings of a woman's name, glued to the given name ("H'Yim Kdoh"); a
man's name opens with "Y" ("Y Bih Nie"), a word of `FAMILY_NAMES` (folded)."""


def is_family_name(word: str) -> bool:
    """Whether `word` can open a Vietnamese personal name: a family name, or an Ede or Jarai
    name's opening word ("Y", "H'Bloanh")."""
    folded = fold(word)
    return folded in FAMILY_NAMES or (len(folded) > 2 and folded.startswith(GENDER_PREFIXES))

ROLE_HEADS: frozenset[str] = frozenset(
    """
    secretary chairman chairwoman chairperson chair president head chief director member
    minister commander commissar deputy delegate principal rector ambassador consul governor mayor
    editor manager inspector procurator prosecutor justice judge spokesman spokesperson
    lecturer professor teacher officer captain colonel general lieutenant major leader
    representative advisor adviser assistant coordinator administrator superintendent premier
    ceo founder owner speaker envoy attache correspondent reporter photographer author
    clerk accountant treasurer auditor commissioner d'affaires affaires
    """.split()
)
"""The head words of a post ("Secretary", "Chairman", "Head" ...)."""

ROLE_PLURALS: dict[str, str] = {
    "members": "member",
    "secretaries": "secretary",
    "chairmen": "chairman",
    "chairwomen": "chairwoman",
    "chairpersons": "chairperson",
    "heads": "head",
    "chiefs": "chief",
    "directors": "director",
    "presidents": "president",
    "ministers": "minister",
    "commanders": "commander",
    "delegates": "delegate",
    "deputies": "deputy",
    "representatives": "representative",
}
"""Plural post words that open a list of people ("members of the ...: A - ...; B - ...")."""

ROLE_MODIFIERS: frozenset[str] = frozenset(
    """
    standing permanent deputy vice acting former alternate first general executive senior
    assistant associate full honorary political party provincial municipal district commune
    city town central national standing-vice lieutenant major prime chief managing principal
    charge
    """.split()
)
"""Words that may stand before a post's head word ("Standing Deputy Secretary")."""

RANK_WORDS: frozenset[str] = frozenset(
    """
    deputy vice acting former alternate first standing permanent assistant associate honorary
    general senior lieutenant major
    """.split()
)
"""Words that change which post a wording names: two wordings differing in one are two posts."""

ORG_WORDS: frozenset[str] = frozenset(
    """
    committee committees council councils party office department departments commission
    board union association assembly government ministry command army police court procuracy
    bank company corporation group school university college hospital center centre agency
    bureau authority inspectorate politburo secretariat front federation delegation team
    province city district commune ward town village hamlet county region state administration
    institute academy club fund station newspaper television radio portal cooperative
    enterprise factory plant project program programme force forces guard brigade division
    regiment battalion military zone bloc organization organisation
    """.split()
)
"""Words that end the name of an organisation or place ("... Party Committee", "... City")."""

PLACE_NOUNS: frozenset[str] = frozenset(
    """
    province city district commune ward town village hamlet street road avenue bridge temple
    pagoda church relic site monument memorial museum mausoleum square park lake river
    mountain mount pass port airport market school university college hospital stadium hall
    house communal beach island bay cave forest reserve zone area industrial park highway
    route trail stream waterfall dam canal border gate station campus residence cemetery
    """.split()
)
"""Nouns after a capitalised run that make it a place, not a person ("Le Loi street")."""

PLACES: frozenset[str] = _phrases(
    """
    nghe an|ha tinh|thanh hoa|quang binh|quang tri|thua thien hue|hue|ha noi|hanoi|viet nam|
    vietnam|laos|lao|cambodia|china|thailand|ho chi minh city|da nang|hai phong|can tho|vinh|cua lo|
    thai hoa|hoang mai|quynh luu|dien chau|yen thanh|do luong|nghi loc|hung nguyen|nam dan|
    thanh chuong|anh son|con cuong|tuong duong|ky son|que phong|quy chau|quy hop|nghia dan|
    tan ky|kim lien|hoang tru|sen village|ben thuy|nghi son|vung ang|xieng khouang|
    bolikhamxay|houaphanh|vientiane|luang prabang|ninh binh|nam dinh|thai binh|bac ninh|
    quang ninh|lang son|lao cai|son la|dien bien|lai chau|ha giang|cao bang|bac kan|
    thai nguyen|tuyen quang|yen bai|phu tho|vinh phuc|hung yen|hai duong|ha nam|quang nam|
    quang ngai|binh dinh|phu yen|khanh hoa|ninh thuan|binh thuan|kon tum|gia lai|dak lak|
    dak nong|lam dong|binh phuoc|tay ninh|binh duong|dong nai|ba ria vung tau|long an|
    tien giang|ben tre|tra vinh|vinh long|dong thap|an giang|kien giang|hau giang|soc trang|
    bac lieu|ca mau|truong son|hoang sa|truong sa|mekong|red river|southeast asia|asean|
    europe|japan|korea|singapore|france|russia|united states|america|australia|india
    """
)
"""Place names (folded) that look like personal names: never people."""

CREDIT_NOT_PEOPLE: frozenset[str] = _phrases(
    """
    archive|archives|file|internet|document|documents|courtesy|collaborator|contributor|
    illustration|illustrative|illustrative photo|screenshot|newspaper|reporter|pv|ctv|vna|vov|vtv|
    tta|ttxvn|baonghean|baonghean.vn|nghe an newspaper|provided|supplied|source|sources|graphic|
    graphics|infographic|video|clip|facebook|youtube|zalo|unknown|representative|organizers|
    organisers|organizing committee|nhan dan|vnexpress|tuoi tre|thanh nien|xinhua|reuters|afp|ap|
    getty|getty images|internet photo|file photo|archive photo|contributed|submitted
    """
)
"""Photo-credit words that are not a person ("Photo: VNA", "Photo: Archive")."""

HONORIFICS: frozenset[str] = frozenset(
    """
    comrade comrades mr mrs ms miss madam madame dr prof professor sir ong ba
    """.split()
)
"""Words before a name that mark it as a person; "Mr."/"comrade" also introduce short forms."""

NAME_STOPWORDS: frozenset[str] = frozenset(
    """
    the a an this that these those on in at of for by from with and or but as after before
    during under over since until within between among about against according regarding
    concluding attending speaking welcoming receiving also meanwhile however therefore
    currently accordingly recently previously today yesterday tomorrow tonight then there here
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr comrade comrades
    resolution conclusion directive decision regulation dispatch notice plan guidance program
    programme report decree circular submission law project scheme official document
    photo photos overview delegates delegate leaders leader party state people's people
    provincial central national standing deputy vice chairman secretary head chief member
    members director president minister general politburo secretariat government assembly
    uncle lord king queen saint god buddha heaven
    """.split()
)
"""Folded words that never begin or form part of a personal name."""

DOCUMENT_TYPES: dict[str, str] = {
    "nq": "Resolution",
    "nqlt": "Joint Resolution",
    "kl": "Conclusion",
    "ct": "Directive",
    "qd": "Decision",
    "qdi": "Regulation",
    "cv": "Official Dispatch",
    "tb": "Notice",
    "kh": "Plan",
    "hd": "Guidance",
    "ctr": "Program",
    "bc": "Report",
    "nd": "Decree",
    "tt": "Circular",
    "ttr": "Submission",
    "ttlt": "Joint Circular",
    "da": "Project",
    "ql": "Regulation",
    "l": "Law",
    "ubtvqh": "Resolution",
}
"""Document type codes (folded) and the English type they stand for (docs/design.md §3)."""

TYPE_WORDS: dict[str, str] = {
    "resolution": "Resolution",
    "joint resolution": "Joint Resolution",
    "conclusion": "Conclusion",
    "directive": "Directive",
    "decision": "Decision",
    "regulation": "Regulation",
    "regulations": "Regulation",
    "official dispatch": "Official Dispatch",
    "official letter": "Official Letter",
    "dispatch": "Official Dispatch",
    "document": "Document",
    "notice": "Notice",
    "announcement": "Notice",
    "plan": "Plan",
    "guidance": "Guidance",
    "guideline": "Guidance",
    "guidelines": "Guidance",
    "instruction": "Guidance",
    "program": "Program",
    "programme": "Program",
    "action program": "Action Program",
    "report": "Report",
    "decree": "Decree",
    "circular": "Circular",
    "joint circular": "Joint Circular",
    "submission": "Submission",
    "proposal": "Submission",
    "law": "Law",
    "ordinance": "Ordinance",
    "project": "Project",
    "scheme": "Project",
    "statement": "Statement",
    "letter": "Official Letter",
}
"""Type words as English text writes them, folded, with the type they name."""

ISSUER_CODES: dict[str, str] = {
    "tw": "Party Central Committee",
    "tu": "Provincial Party Committee",
    "hu": "District Party Committee",
    "du": "Party Committee",
    "cp": "Government",
    "ttg": "Prime Minister",
    "ubnd": "People's Committee",
    "hdnd": "People's Council",
    "qh": "National Assembly",
    "ubtvqh": "National Assembly Standing Committee",
    "btc": "Ministry of Finance",
    "bca": "Ministry of Public Security",
    "bqp": "Ministry of National Defence",
    "bnv": "Ministry of Home Affairs",
    "byt": "Ministry of Health",
    "bgddt": "Ministry of Education and Training",
    "bkhdt": "Ministry of Planning and Investment",
    "btnmt": "Ministry of Natural Resources and Environment",
    "bnnptnt": "Ministry of Agriculture and Rural Development",
    "bct": "Ministry of Industry and Trade",
    "bxd": "Ministry of Construction",
    "bgtvt": "Ministry of Transport",
    "vptw": "Party Central Committee Office",
    "btgtw": "Central Propaganda Department",
    "btctw": "Central Organization Commission",
    "ubkttw": "Central Inspection Commission",
}
"""Issuer codes (folded) and the body they stand for (docs/design.md §3)."""
