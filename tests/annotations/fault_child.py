"""A child process for the fault tests: adds annotations to a store in a loop and prints each
new id (one per line, flushed) only after `Store.add` returned, i.e. once the write is durable.

    python fault_child.py DB_FILE COUNT [full|next]

"full": every add writes the whole file; "next" (the default store): each add waits for the
prepared next version of the file, then writes through it.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from annotations import Annotation, ArticleRef, Store, Target


def main() -> None:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    mode = sys.argv[3] if len(sys.argv) > 3 else "next"
    store = Store(path, prepare_next=mode != "full")
    ref = ArticleRef(id="0123456789abcdef", path="/articles/fault.txt", title="Fault test article")
    exact = "the Provincial Party Committee Office actively deployed work plans"
    for i in range(count):
        now = datetime.now(UTC)
        a = Annotation(
            id=str(uuid.uuid4()),
            article=ref,
            target=Target(
                exact=exact,
                prefix="In the first quarter of 2023, ",
                suffix=" in assigned fields",
                start=100,
                end=100 + len(exact),
            ),
            color="green",
            note=f"note {i} from process",
            tags=("fault",),
            created=now,
            updated=now,
        )
        store.add(a)
        sys.stdout.write(a.id + "\n")
        sys.stdout.flush()
        if mode == "next":
            store.settle()


if __name__ == "__main__":
    main()
