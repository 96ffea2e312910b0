import sys

from chronicler.cli import main

sys.exit(main())
