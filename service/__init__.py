"""infogen: information about help, protection and support for people subjected to violence."""
__version__ = "0.1.0"
