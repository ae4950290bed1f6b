"""The web app: public leaflets (and, later, the staff and admin pages)."""
