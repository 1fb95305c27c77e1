"""``python -m decision_service.cli``: the ``osd`` command."""

import sys

from . import main

sys.exit(main())
