"""Renderers: a Leaflet in, bytes out. They never look anything up themselves."""
