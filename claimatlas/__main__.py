import sys

from claimatlas.cli import main

sys.exit(main())
