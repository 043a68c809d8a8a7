"""Use cases: each receives its collaborators (database, cipher, acting user) as arguments. No Qt."""
