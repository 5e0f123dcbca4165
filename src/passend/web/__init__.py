"""Web adapter: Django project settings, URLs, views and templates."""
