"""Commands of ``infogen`` beyond rendering and checking: accounts, coverage and links. Each
module adds its commands to the group of ``service.cli``."""
