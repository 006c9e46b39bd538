from smartpick.cli import main

main()
