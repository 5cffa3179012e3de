"""The insights app's services: saved scenarios, imported alternatives."""
