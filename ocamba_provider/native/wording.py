"""The core's messages in the native type's property names: `runImmediately`, not `run_immediately`.

The core words its failure reasons and errors for the dynamic type, whose properties are
snake_case; a YAML or TypeScript user never wrote `scheduled_time` and cannot search for it.
Only the declared property names are translated, and only as whole words: `adopted_scheduled_time`
or an API field inside a longer name stays as it is, and so does every other word.
"""

from __future__ import annotations

import re
from typing import Final

from ocamba_provider.domain.declaration import DECLARED
from ocamba_provider.native.properties import camel

CAMEL_OF: Final = {key: camel(key) for key in DECLARED if camel(key) != key}
"""The declared names that differ between the two types (`state` and `drift` do not)."""

_DECLARED_NAME: Final = re.compile(r"\b(" + "|".join(map(re.escape, CAMEL_OF)) + r")\b")


def in_camel_case(text: str) -> str:
    """`text` with each declared snake_case property name in its camelCase spelling."""
    return _DECLARED_NAME.sub(lambda found: CAMEL_OF[found.group(1)], text)
