"""What a leaflet says: audiences, topics and the sections written for each audience."""
