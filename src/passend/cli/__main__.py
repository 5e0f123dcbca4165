from passend.cli import main

main()
