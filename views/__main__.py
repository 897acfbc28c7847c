"""The frozen program's entry (build.spec): the composition root in views/launch.py."""

import sys

from views.launch import main

sys.exit(main())
