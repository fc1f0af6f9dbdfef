import sys

from quoteprov.cli import main

sys.exit(main())
