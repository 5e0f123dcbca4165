"""Accounts: users with a role and a scope (gemeenten or a jeugdregio), the audit log,
login lockout (django-axes) and optional TOTP (django-otp)."""
