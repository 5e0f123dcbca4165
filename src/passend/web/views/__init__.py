"""Views of the web app, one module per area."""
