"""A leaflet as plain data, and how it is composed from content, contacts and a language."""

from .compose import Content, UnknownLeaflet, compose, load_content
from .model import Leaflet, LeafletContact, LeafletSection

__all__ = ["Content", "UnknownLeaflet", "load_content", "Leaflet", "LeafletContact", "LeafletSection", "compose"]
