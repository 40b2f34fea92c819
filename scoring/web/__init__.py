"""The web app (`scoring serve`)."""
