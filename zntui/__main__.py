from zntui.cli import main

raise SystemExit(main())
